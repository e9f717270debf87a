/**
 * The README's pictures of the method screens and the Latency screen. A method's screen is opened on the recording the
 * app ships (public/recordings, `#v=2&screen=<id>&rec=1`) and played to the end with the keyboard; the Latency screen
 * imports the committed SwiftShader profile. The panels named below are cut out of the page. Nothing trains or
 * measures, so the pictures show exactly the shipped runs and the committed profile.
 *
 *   npx vite build --outDir dist-shots && npx tsx scripts/readme-shots.ts --dist dist-shots
 *
 * Options: --dist dist (the built app), --port 4192, --out docs (where the PNGs go), --only padnas,autospace,random,profiler,
 * --chromium /usr/bin/chromium.
 */
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { arg } from './scriptArgs';

/**
 * One picture: a screen opened at `hash` (the CPU backend is added), made ready by `ready`, and cut from the panel
 * titled `from` to the one titled `to` (inclusive).
 */
interface Shot {
  name: string;
  hash: string;
  ready: (page: Page) => Promise<void>;
  file: string;
  from: string;
  to: string;
}

/** A method's shipped recording, played to its end with the keyboard. */
async function toEnd(page: Page): Promise<void> {
  const scrubber = page.getByTestId('replay-scrubber');
  await scrubber.waitFor({ timeout: 60_000 });
  await scrubber.focus();
  await page.keyboard.press('End');
  await page.getByTestId('replay-announce').filter({ hasText: 'End of the recording' }).waitFor({ timeout: 60_000 });
}

/** The committed SwiftShader profile (docs/padnas-results) imported on the Latency screen. */
async function importProfile(page: Page): Promise<void> {
  await page.getByTestId('profile-file-input').setInputFiles(PROFILE);
  await page.getByText(/^Imported ".*" from profile-swiftshader-tiny-w05\.json/).waitFor({ timeout: 30_000 });
}

const PROFILE = 'docs/padnas-results/profile-swiftshader-tiny-w05.json';

const recording = (method: string, from: string, to: string): Shot => ({ name: method, hash: `v=2&screen=${method}&rec=1`, ready: toEnd, file: `${method}-recorded.png`, from, to });

const SHOTS: readonly Shot[] = [
  recording('padnas', 'Op shares per layer', 'Ranking: one-shot vs stand-alone'),
  recording('autospace', 'Population board', 'Top-K timeline'),
  recording('random', 'Sampled architectures', 'Best of'),
  { name: 'profiler', hash: 'v=2&screen=profiler', ready: importProfile, file: 'profiler-report.png', from: 'Full profile', to: 'Full profile' },
];

/** The last panel in the main column whose heading contains `title`. */
function panel(page: Page, title: string) {
  return page.locator('main section, main .panel').filter({ has: page.getByRole('heading', { name: title }) }).last();
}

async function take(page: Page, base: string, shot: Shot, outDir: string): Promise<string> {
  await page.goto(`${base}/#${shot.hash}&backend=cpu`);
  await shot.ready(page);
  await page.waitForTimeout(1000); // the charts' last frame
  const a = await panel(page, shot.from).boundingBox();
  const b = await panel(page, shot.to).boundingBox();
  if (!a || !b) throw new Error(`${shot.name}: panel "${a ? shot.to : shot.from}" not found`);
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
  const shots = SHOTS.filter((s) => only.length === 0 || only.includes(s.name));
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
