import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the Train screen. */
export class TrainPage {
  readonly backendBadge: Locator;
  readonly adapter: Locator;
  readonly datasetName: Locator;
  readonly datasetCount: Locator;
  readonly datasetSplit: Locator;
  readonly datasetError: Locator;
  readonly fileInput: Locator;
  readonly runState: Locator;
  readonly step: Locator;
  readonly loss: Locator;
  readonly valAcc: Locator;
  readonly testAccuracy: Locator;

  constructor(readonly page: Page) {
    this.backendBadge = page.getByTestId('backend-badge');
    this.adapter = page.getByTestId('adapter');
    this.datasetName = page.getByTestId('dataset-name');
    this.datasetCount = page.getByTestId('dataset-count');
    this.datasetSplit = page.getByTestId('dataset-split');
    this.datasetError = page.getByTestId('dataset-error');
    this.fileInput = page.getByTestId('file-input');
    this.runState = page.getByTestId('run-state');
    this.step = page.getByTestId('readout-step');
    this.loss = page.getByTestId('readout-loss');
    this.valAcc = page.getByTestId('readout-val-acc');
    this.testAccuracy = page.getByTestId('test-accuracy');
  }

  /**
   * Open the app with these URL settings (hash body, e.g. "v=1&width=0.25"). A link without `screen=` shows Train; the
   * default `v=2` is Train with every default (a bare `/` would show the landing page).
   */
  async open(hash = 'v=2'): Promise<void> {
    await this.page.goto(`/#${hash}`);
  }

  /** Wait until the backend is up and the built-in dataset is loaded. */
  async waitUntilReady(): Promise<void> {
    await expect(this.backendBadge).toHaveText(/^(webgpu|webgl|cpu)$/, { timeout: 90_000 });
    await expect(this.datasetName).toHaveText(/\S/, { timeout: 90_000 });
  }

  button(name: 'Start' | 'Pause' | 'Step' | 'Reset' | 'Export model'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Numeric value of a readout ('–' → NaN). */
  async number(readout: Locator): Promise<number> {
    const text = (await readout.textContent()) ?? '';
    return Number.parseFloat(text.replace(/[^0-9.eE+-]/g, ''));
  }

  /** Wait until the step readout reaches at least `n`. */
  async waitForStep(n: number, timeout = 120_000): Promise<number> {
    await expect.poll(async () => this.number(this.step), { timeout, intervals: [250, 500, 1000] }).toBeGreaterThanOrEqual(n);
    return this.number(this.step);
  }

  async loadFiles(files: { name: string; buffer: Buffer; mimeType?: string }[]): Promise<void> {
    await this.fileInput.setInputFiles(files.map((f) => ({ mimeType: 'application/octet-stream', ...f })));
  }
}
