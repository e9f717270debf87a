/** The machine a run ran on, in a few words for its run card ("Chrome 150 on Linux", "Node v20.19.2 on linux x64, …"). */

/** Browsers by their user-agent token, most specific first (Edge and Chrome strings also name Safari). */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg\/(\d+)/, 'Edge'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\b(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** Browser and OS from a user-agent string; the string itself (cut short) when neither is recognised. */
export function describeUserAgent(ua: string): string {
  let browser: string | null = null;
  for (const [re, name] of BROWSERS) {
    const m = re.exec(ua);
    if (m) {
      browser = `${name} ${m[1]}${/HeadlessChrome/.test(ua) ? ' (headless)' : ''}`;
      break;
    }
  }
  const os = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null;
  if (!browser && !os) return ua.length > 80 ? `${ua.slice(0, 79)}…` : ua || 'unknown browser';
  return `${browser ?? 'unknown browser'} on ${os ?? 'an unknown OS'}`;
}

/** What a browser's `navigator` offers for naming it (a worker's `WorkerNavigator` has the same fields). */
export interface NavigatorLike {
  userAgent?: string;
  hardwareConcurrency?: number;
  userAgentData?: { brands?: { brand: string; version: string }[] };
}

/** "Chromium 156, Google Chrome 156" from userAgentData (GREASE brands such as "Not=A?Brand" dropped), else the user-agent string. */
export function browserBrands(nav: NavigatorLike): string {
  const brands = (nav.userAgentData?.brands ?? []).filter((b) => !/not.?a.?brand/i.test(b.brand));
  if (brands.length) return brands.map((b) => `${b.brand} ${b.version}`).join(', ');
  return nav.userAgent ?? 'unknown';
}

/** A Node process's machine: version, platform, architecture, CPU model and count. */
export function describeNode(p: { version: string; platform: string; arch: string; cpuModel?: string; cpus: number }): string {
  const cpu = p.cpuModel ? `, ${p.cpuModel.trim().replace(/\s+/g, ' ')}` : '';
  return `Node ${p.version} on ${p.platform} ${p.arch}${cpu} × ${p.cpus}`;
}
