import { mkdir, readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './fixtures/console';

/**
 * Guided lessons (issue 17 §3, §9): a lesson link opens AtomNAS on its recorded run with the lesson panel, each step
 * outlines its part of the screen and seeks the recording to its moment (the first shrink event leaves fewer atoms in
 * the bars than step 1), an answer is shown on the way, the link follows the step, and Finish ends the lesson. Teacher
 * mode hides the advanced controls and says how to leave it.
 *
 * The recording is the replay e2e's small CLI fixture (e2e/fixtures/atomnas-recording.json.gz), served as the shipped
 * file so the test does not depend on public/recordings. With LESSON_SHOTS=<dir> the test also writes the README's
 * screenshot of a lesson step and a frame strip of the recorded run into that folder.
 */
const FIXTURE = new URL('./fixtures/atomnas-recording.json.gz', import.meta.url);
const SHOTS = process.env.LESSON_SHOTS;

async function serveRecording(page: Page): Promise<void> {
  const body = await readFile(FIXTURE);
  await page.route('**/recordings/atomnas.json.gz', (route) => route.fulfill({ status: 200, contentType: 'application/gzip', body }));
}

async function alive(page: Page): Promise<number> {
  const v = await page.getByTestId('atom-bars').locator('svg').getAttribute('data-alive');
  return v === null ? Number.NaN : Number(v);
}

const hash = (page: Page) => new URL(page.url()).hash;

test('step through the AtomNAS lesson from its link to the end, showing an answer on the way', async ({ page }) => {
  const errors = collectErrors(page);
  await serveRecording(page);
  // Tall enough for the README's screenshot to show the whole panel beside the outlined bars.
  await page.setViewportSize({ width: 1280, height: 1000 });
  // A teacher's link: no rec=1 needed, the lesson opens the recorded run itself.
  await page.goto('/#v=2&screen=atomnas&lesson=1&step=1');
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toBeVisible();
  await expect(page.getByTestId('replay-banner')).toBeVisible();
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 1 of 7');
  await expect(page.getByTestId('lesson-live')).toHaveText('Lesson step 1 of 7: The supernet: every atom alive');
  await expect(page.getByTestId('lesson-moment')).toContainText('Shown: the start of the run.');
  // The step's part of the screen is outlined and labelled (not colour alone).
  const bars = page.locator('[data-method="atomnas"] [data-lesson="bars"]');
  await expect(bars).toHaveAttribute('data-lesson-active', 'Step 1: look here');
  await expect.poll(() => alive(page), { timeout: 30_000 }).toBeGreaterThan(0);
  const start = await alive(page);
  await expect.poll(() => hash(page)).toContain('lesson=1&step=1');

  const next = lesson.getByRole('button', { name: 'Next' });
  await next.click();
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 2 of 7');
  await expect(page.locator('[data-lesson="gamma-hist"]')).toHaveAttribute('data-lesson-active', 'Step 2: look here');
  await expect(bars).not.toHaveAttribute('data-lesson-active');
  // ← and → move between steps while the panel has focus.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 3 of 7');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 2 of 7');
  await next.click();
  await next.click();

  // Step 4: the first shrink event. The replay stands there, the bars lost atoms, and the answer names this run's count.
  await expect(page.getByTestId('lesson-title')).toHaveText('The first shrink event');
  await expect(page.getByTestId('lesson-moment')).toContainText('Shown: the first key moment with “shrink”.');
  await expect(page.getByTestId('replay-progress')).toContainText('step 25 / 40');
  await expect.poll(() => alive(page)).toBeLessThan(start);
  await expect(bars).toHaveAttribute('data-lesson-active', 'Step 4: look here');
  await expect(page.getByTestId('lesson-answer')).toHaveCount(0);
  await lesson.getByRole('button', { name: 'Show answer' }).click();
  const answer = page.getByTestId('lesson-answer');
  await expect(answer).toBeFocused();
  await expect(answer).toContainText('A 7×7 depthwise filter does 49 multiply-adds');
  await expect(answer).toContainText(/Removed so far \(1 shrink event\): \d+ of 3×3, \d+ of 5×5, \d+ of 7×7\./);
  await expect.poll(() => hash(page)).toContain('lesson=1&step=4');
  if (SHOTS) {
    await mkdir(SHOTS, { recursive: true });
    await page.waitForTimeout(800); // the bars' transition
    await lesson.evaluate((el) => el.scrollTo({ top: 0 })); // the panel from its head (the answer took focus)
    await page.screenshot({ path: `${SHOTS}/lesson-step.png` });
  }

  // A new step hides the answer again.
  await next.click();
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 5 of 7');
  await expect(page.getByTestId('lesson-answer')).toHaveCount(0);
  await next.click();
  await next.click();
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 7 of 7');
  await expect(lesson.getByRole('button', { name: 'Next' })).toHaveCount(0);
  await expect(page.getByTestId('replay-progress')).toContainText('step 40 / 40');
  await expect(page.locator('[data-lesson="readouts"]')).toHaveAttribute('data-lesson-active', 'Step 7: look here');
  await lesson.getByRole('button', { name: 'Finish lesson' }).click();
  await expect(lesson).toHaveCount(0);
  await expect.poll(() => hash(page)).not.toContain('lesson=');
  // The recording stays on screen; nothing is outlined any more.
  await expect(page.getByTestId('replay-banner')).toBeVisible();
  await expect(page.locator('[data-lesson-active]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the landing page offers the lesson; teacher mode hides the advanced controls and says how to leave it', async ({ page }) => {
  const errors = collectErrors(page);
  await serveRecording(page);
  await page.goto('/#v=2&screen=landing&teacher=1');
  const notice = page.getByTestId('teacher-notice');
  await expect(notice).toContainText('Teacher mode is on');
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Latency' })).toBeHidden();
  await page.getByTestId('landing-card-atomnas').getByRole('button', { name: 'Take the lesson' }).click();
  await expect(page.getByTestId('lesson-count')).toHaveText('Step 1 of 7');
  await expect.poll(() => hash(page)).toMatch(/screen=atomnas.*lesson=1&step=1.*teacher=1/);
  await expect(page.getByText('More settings')).toBeHidden();
  await page.getByTestId('lesson').getByRole('button', { name: 'End lesson' }).click();
  await page.getByTestId('replay').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Watch the recorded run' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open a recording…' })).toBeHidden();
  // The live run's controls without the model export.
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  await expect(page.getByLabel('Export format')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export model' })).toBeHidden();
  await notice.getByRole('button', { name: 'leave teacher mode' }).click();
  await expect(notice).toHaveCount(0);
  await expect.poll(() => hash(page)).not.toContain('teacher=1');
  await expect(page.getByRole('button', { name: 'Open a recording…' })).toBeVisible();
  await expect(page.getByText('More settings')).toBeVisible();
  await expect(page.getByLabel('Export format')).toBeVisible();
  expect(errors).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`a lesson step with its answer and teacher mode pass axe, and fit a phone (${theme} theme)`, async ({ page }) => {
    const errors = collectErrors(page);
    await serveRecording(page);
    await page.emulateMedia({ colorScheme: theme });
    await page.addInitScript((t) => localStorage.setItem('nas-playground-theme', t), theme);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/#v=2&screen=atomnas&lesson=1&step=4&teacher=1');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByTestId('lesson-title')).toHaveText('The first shrink event');
    await expect(page.getByTestId('replay-progress')).toContainText('step 25 / 40');
    await page.getByTestId('lesson').getByRole('button', { name: 'Show answer' }).click();
    await expect(page.getByTestId('lesson-answer')).toBeVisible();
    await expect(page.locator('[data-lesson-active]')).toHaveCount(1);
    const result = await new AxeBuilder({ page }).analyze();
    const found = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(found, found.join('\n')).toEqual([]);
    // The panel stays inside the phone's width, nothing scrolls sideways, and Next is on screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await page.getByTestId('lesson').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await expect(page.getByTestId('lesson').getByRole('button', { name: 'Next' })).toBeInViewport();
    expect(errors).toEqual([]);
  });
}

test('frame strip of the recorded AtomNAS run (only with LESSON_SHOTS)', async ({ page }) => {
  test.skip(!SHOTS, 'README pictures only');
  await mkdir(SHOTS ?? '.', { recursive: true });
  await serveRecording(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/#v=2&screen=atomnas&rec=1');
  await expect.poll(() => alive(page), { timeout: 30_000 }).toBeGreaterThan(0);
  const scrubber = page.getByTestId('replay-scrubber');
  const readouts = page.locator('[data-method="atomnas"] [data-lesson="readouts"]');
  const bars = page.locator('[data-method="atomnas"] [data-lesson="bars"]');
  // The readouts (step, MACs now…) and the bars below them, under the sticky header: one clip for every frame.
  await page.evaluate(() => {
    const el = document.querySelector('[data-method="atomnas"] [data-lesson="readouts"]');
    const header = document.querySelector('.app-header');
    if (el) window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - (header?.getBoundingClientRect().height ?? 0) - 12 });
  });
  const a = await readouts.boundingBox();
  const b = await bars.boundingBox();
  if (!a || !b) throw new Error('readouts or bars not on screen');
  const clip = { x: b.x - 6, y: a.y - 6, width: b.width + 12, height: b.y + b.height - a.y + 12 };
  const frames = 41;
  for (let i = 0; i <= 10; i++) {
    await scrubber.fill(String(Math.round((i * (frames - 1)) / 10)));
    await page.waitForTimeout(900);
    await page.screenshot({ path: `${SHOTS}/strip-${String(i).padStart(2, '0')}.png`, clip });
  }
});
