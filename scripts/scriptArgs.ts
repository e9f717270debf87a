/** The measuring scripts' command-line options: `--name value` pairs and bare `--name` switches. */

/** The value after `--name` on the command line, else `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** Whether the switch `--name` is on the command line. */
export const flag = (name: string): boolean => process.argv.includes(`--${name}`);
