/**
 * Which code made a run, for its run card: the package version and, in a git checkout, the commit ("0.1.0+9f0a7d3",
 * "+dirty" when the working tree has changes). Node only: the CLI calls it at run time, and vite.config.ts at build
 * time, which defines it for the app as `__APP_VERSION__` (core/appVersion.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
  } catch {
    return null;
  }
}

/** The version of the code under `root` (the repository root). */
export function appVersion(root: string): string {
  let version = 'unknown';
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    if (typeof pkg.version === 'string') version = pkg.version;
  } catch {
    // not run from the repository: the version stays unknown
  }
  const commit = git(root, ['rev-parse', '--short', 'HEAD']);
  if (!commit) return version;
  const dirty = git(root, ['status', '--porcelain', '--untracked-files=no']);
  return `${version}+${commit}${dirty ? '+dirty' : ''}`;
}
