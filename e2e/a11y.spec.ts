import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './fixtures/console';

/**
 * Accessibility and layout of every screen, without training anything: the landing page, Train, Latency, each
 * method's screen and Compare (read from the tab bar, so a new method's screen is checked too).
 *  - axe (WCAG 2.x A/AA rules and best practices) in the light and the dark theme: no serious or critical violation;
 *  - at a laptop (1280×800) and a phone (390×844) size: nothing scrolls sideways, and the run controls (Start) of the
 *    screens that have them can be reached and clicked (nothing covers them); on the phone the footer's run bar is on
 *    screen from the top of the page.
 */

type Theme = 'light' | 'dark';

async function openHome(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript((t) => localStorage.setItem('nas-playground-theme', t), theme);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveText(/^(webgpu|webgl|cpu)$/, { timeout: 90_000 });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await expect(page.getByRole('main', { name: 'Home' })).toBeVisible();
}

/** The tab names, in order (Home first). */
async function screenTabs(page: Page): Promise<string[]> {
  const names = await page.getByRole('navigation', { name: 'Screens' }).getByRole('button').allTextContents();
  expect(names[0]).toBe('Home');
  expect(names.length).toBeGreaterThanOrEqual(5);
  return names;
}

/** Switch to a screen with its tab and wait until its lazy parts are in. */
async function show(page: Page, tab: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: tab, exact: true }).click();
  const main = page.getByRole('main', { name: tab });
  await expect(main).toBeVisible();
  await expect(main).not.toContainText('Loading…');
  await page.waitForLoadState('networkidle');
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation on any screen (${theme} theme)`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = collectErrors(page);
    await openHome(page, theme);
    const found: string[] = [];
    for (const tab of await screenTabs(page)) {
      await show(page, tab);
      for (const v of await seriousViolations(page)) found.push(`[${tab}] ${v}`);
    }
    // The help dialog too (it is part of every screen).
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();
    for (const v of await seriousViolations(page)) found.push(`[help dialog] ${v}`);
    expect(found, found.join('\n')).toEqual([]);
    expect(errors).toEqual([]);
  });
}

const SIZES = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const size of SIZES) {
  test(`no screen scrolls sideways and Start stays reachable at ${size.width}×${size.height} (${size.name})`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await openHome(page, 'light');
    const wide: string[] = [];
    for (const tab of await screenTabs(page)) {
      await show(page, tab);
      const { scroll, inner, culprits } = await page.evaluate(() => {
        const inner = window.innerWidth;
        const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.getBoundingClientRect().right + window.scrollX > inner + 1 && el.getClientRects().length > 0)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`);
        return { scroll: document.documentElement.scrollWidth, inner, culprits };
      });
      if (scroll > inner) wide.push(`[${tab}] scrollWidth ${scroll} > ${inner}: ${culprits.join(', ')}`);
      const start = page.getByRole('main').getByRole('button', { name: 'Start', exact: true });
      if ((await start.count()) > 0) {
        await start.first().scrollIntoViewIfNeeded();
        await expect(start.first()).toBeInViewport();
        await start.first().click({ trial: true }); // actionable: visible, stable, not covered by anything
      }
      // On a phone the footer's run bar keeps Start/pause and one step on screen wherever the page is scrolled.
      const bar = page.getByRole('group', { name: 'Run controls (always at hand)' });
      if (size.name === 'phone' && (await start.count()) > 0) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await expect(bar.getByRole('button', { name: 'Start / pause' })).toBeInViewport();
        await bar.getByRole('button', { name: 'One step' }).click({ trial: true });
      } else {
        await expect(bar).toBeHidden();
      }
    }
    expect(wide, wide.join('\n')).toEqual([]);
  });
}

test('the landing page: a card per method with its picture, an honest recorded-run button, and a run here with the first-look preset', async ({ page }) => {
  await openHome(page, 'light');
  expect(new URL(page.url()).hash).toBe('');
  // Keyboard: the first Tab reaches the skip link, the next ones the tabs, each with a visible focus ring.
  for (const name of ['Skip to content', 'Home', 'Train']) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await expect(focused).toHaveAccessibleName(name);
    await expect(focused).toBeVisible();
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  }
  await expect(page.getByTestId('landing-device-what')).toContainText(/webgpu|webgl|cpu/);
  const cards = page.locator('[data-testid^="landing-card-"]');
  const tabs = await screenTabs(page);
  // One card per method screen (every tab except Home, Train, Latency and Compare).
  await expect(cards).toHaveCount(tabs.length - 4);
  await expect(cards.first().getByRole('img')).toHaveAttribute('aria-label', /\w/);
  const recorded = cards.first().getByRole('button', { name: 'Watch a recorded run' });
  // Recordings ship now: the button is a plain, enabled button (e2e/replay.spec.ts follows it).
  await expect(recorded).toBeEnabled();
  await expect(recorded).not.toHaveAttribute('aria-disabled');
  // The run button is reachable and works with Enter.
  const card = page.getByTestId('landing-card-atomnas');
  await card.getByRole('button', { name: 'Run it on this device' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main', { name: 'AtomNAS' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#v=2&screen=atomnas&apreset=first-look'); // its first-look preset
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Home' }).click();
  await expect(page.getByRole('main', { name: 'Home' })).toBeVisible();
  // The AtomNAS settings are no longer the defaults (its first-look preset): the link keeps them.
  expect(new URL(page.url()).hash).toBe('#v=2&screen=landing&apreset=first-look');
  // Train's charts carry their data in words (before a run: what to do).
  await show(page, 'Train');
  await expect(page.getByTestId('chart-summary').first()).toHaveText('Press Start to train');
});

for (const theme of ['light', 'dark'] as const) {
  test(`a link notice passes axe (${theme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.addInitScript((t) => localStorage.setItem('nas-playground-theme', t), theme);
    await page.goto('/#v=2&epochs=999');
    await expect(page.getByText('Some settings in the link were adjusted')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByTestId('backend-badge')).toHaveText(/^(webgpu|webgl|cpu)$/, { timeout: 90_000 });
    const found = await seriousViolations(page);
    expect(found, found.join('\n')).toEqual([]);
  });
}
