/**
 * Each method's lesson against the recording shipped for it (public/recordings): the recording is of the lesson's
 * preset, every step's moment is in it (no fallback), the steps move forward in time, and every step's `fact` reads
 * the frames up to its moment. A method without a shipped recording is skipped (its lesson then says none ships).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { momentFrame } from '../core/method/lesson';
import { METHODS } from '../methods/registry';
import { recordingEvents } from './replay';
import { recordingFromBytes, shippedRecordingPath } from './replayLoad';

const PUBLIC = join(import.meta.dirname, '../../public');

describe('lessons on the shipped recordings', () => {
  for (const m of METHODS) {
    const file = join(PUBLIC, shippedRecordingPath(m.id));
    it.runIf(existsSync(file) && m.lesson !== undefined)(`${m.id}: every step finds its moment, in order, and its numbers`, async () => {
      const rec = await recordingFromBytes(shippedRecordingPath(m.id), new Uint8Array(readFileSync(file)), m.id);
      const lesson = m.lesson;
      if (!lesson) return;
      expect(rec.preset).toBe(lesson.preset);
      const events = recordingEvents(m, rec);
      const at = lesson.steps.map((s) => ({ title: s.title, ...momentFrame(s.moment, rec.frames.length, events) }));
      expect(at.filter((a) => a.missing).map((a) => a.title)).toEqual([]);
      for (let i = 1; i < at.length; i++) expect(at[i].frame, `${at[i].title} comes before ${at[i - 1].title}`).toBeGreaterThanOrEqual(at[i - 1].frame);
      lesson.steps.forEach((s, i) => {
        const fact = s.fact?.(rec.frames.slice(0, at[i].frame + 1).map((f) => f.snap) as never);
        if (fact !== undefined && fact !== null) expect(fact).not.toMatch(/NaN|undefined|Infinity/);
      });
    });
  }
});
