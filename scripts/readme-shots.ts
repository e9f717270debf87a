/**
 * The README's pictures of the method screens, taken from the recordings the app ships (public/recordings): each
 * method's screen opened on its recording (`#v=2&screen=<id>&rec=1`), played to the end with the keyboard, and the
 * panels named below cut out of the page. No training runs, so the pictures show exactly the shipped runs.
 *
 *   npx vite build --outDir dist-shots && npx tsx scripts/readme-shots.ts --dist dist-shots
 *
 * Options: --dist dist (the built app), --port 4192, --out docs (where the PNGs go), --only padnas,autospace,random,
 * --chromium /usr/bin/chromium.
 */
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** One picture: a method's recording at its end, from the panel titled `from` to the one titled `to` (inclusive). */
interface Shot {
  method: string;
  file: string;
  from: string;
  to: string;
}

const SHOTS: readonly Shot[] = [
  { method: 'padnas', file: 'padnas-recorded.png', from: 'Op shares per layer', to: 'Ranking: one-shot vs stand-alone' },
  { method: 'autospace', file: 'autospace-recorded.png', from: 'Population board', to: 'Top-K timeline' },
  { method: 'random', file: 'random-recorded.png', from: 'Sampled architectures', to: 'Best of' },
];

/** The panel (section.panel or the chart panel) whose heading starts with `title`. */
function panel(page: Page, title: string) {
  return page
    .locator('main section, main .panel')
    .filter({ has: page.getByRole('heading', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }) })
    .last();
}

async function take(page: Page, base: string, shot: Shot, outDir: string): Promise<string> {
  await page.goto(`${base}/#v=2&screen=${shot.method}&rec=1&backend=cpu`);
  const scrubber = page.getByTestId('replay-scrubber');
  await scrubber.waitFor({ timeout: 60_000 });
  await scrubber.focus();
  await page.keyboard.press('End');
  await page.getByTestId('replay-announce').filter({ hasText: 'End of the recording' }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000); // the charts' last frame
  const a = await panel(page, shot.from).boundingBox();
  const b = await panel(page, shot.to).boundingBox();
  if (!a || !b) throw new Error(`${shot.method}: panel "${a ? shot.to : shot.from}" not found`);
  const scrollY = await page.evaluate(() => window.scrollY);
  const pad = 8;
  const x = Math.min(a.x, b.x) - pad;
  const y = Math.min(a.y, b.y) + scrollY - pad;
  const clip = { x, y, width: Math.max(a.x + a.width, b.x + b.width) + pad - x, height: Math.max(a.y + a.height, b.y + b.height) + scrollY + pad - y };
  const file = path.join(outDir, shot.file);
  await page.screenshot({ path: file, clip, fullPage: true });
  return `${file}: ${Math.round(clip.width)}×${Math.round(clip.height)}`;
}

async function run(): Promise<void> {
  const dist = arg('dist', 'dist');
  const port = Number(arg('port', '4192'));
  const outDir = arg('out', 'docs');
  const only = arg('only', '').split(',').filter(Boolean);
  const shots = SHOTS.filter((s) => only.length === 0 || only.includes(s.method));
  const server = await preview({ logLevel: 'warn', build: { outDir: dist }, preview: { port, strictPort: true } });
  try {
    const browser = await chromium.launch({ executablePath: arg('chromium', '/usr/bin/chromium'), args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    try {
      for (const shot of shots) {
        // A fresh page per method (a recording open in one screen would ask before another opens), on the CPU backend:
        // a replay trains nothing, and the pictures should not depend on the machine's GPU.
        const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
        console.log(await take(page, `http://localhost:${port}`, shot, outDir));
        await page.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

run()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  })
  .finally(() => process.exit()); // vite preview can keep the process alive
