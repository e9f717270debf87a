/**
 * One shared animation-frame queue for the live charts' redraws. Each chart used to request its own frame, so every
 * chart that one training step touched redrew in the same frame; on a slow device (SwiftShader on 2 cores) that frame
 * was a main-thread task of 60–230 ms: three d3 redraws, each after a layout forced by the previous one. Here queued
 * draws run in order, at least one per frame; once a frame's draws have used the budget, the rest wait for the next
 * frame. A fast device draws them all in one frame, as before.
 */

export interface FrameHost {
  request(cb: () => void): number;
  cancel(id: number): void;
  now(): number;
}

/** Time the queued draws of one frame may use before the rest move to the next frame. */
export const FRAME_BUDGET_MS = 8;

export class FrameQueue {
  /** Insertion-ordered; a job queued again before it ran keeps its place and runs once. */
  private readonly jobs = new Set<() => void>();
  private frame = 0;

  constructor(
    private readonly host: FrameHost,
    private readonly budgetMs = FRAME_BUDGET_MS,
  ) {}

  /** Run `job` in a coming frame; returns a function that takes it off the queue. */
  schedule(job: () => void): () => void {
    this.jobs.add(job);
    this.request();
    return () => this.cancel(job);
  }

  cancel(job: () => void): void {
    this.jobs.delete(job);
    if (this.jobs.size === 0 && this.frame) {
      this.host.cancel(this.frame);
      this.frame = 0;
    }
  }

  /** Jobs waiting for a frame. */
  get pending(): number {
    return this.jobs.size;
  }

  private request(): void {
    if (!this.frame && this.jobs.size > 0) this.frame = this.host.request(this.run);
  }

  private readonly run = (): void => {
    this.frame = 0;
    const start = this.host.now();
    let ran = 0;
    try {
      for (const job of [...this.jobs]) {
        if (ran > 0 && this.host.now() - start >= this.budgetMs) break;
        if (!this.jobs.delete(job)) continue; // cancelled by an earlier job of this frame
        ran++;
        job();
      }
    } finally {
      this.request(); // what is left (or was queued meanwhile) goes to the next frame, even after a throw
    }
  };
}

const browserHost: FrameHost = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (id) => cancelAnimationFrame(id),
  now: () => performance.now(),
};

/** The queue every live chart of the page shares. */
export const chartFrames = new FrameQueue(browserHost);
