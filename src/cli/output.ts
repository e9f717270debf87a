/** `--out` / `--export` paths are checked before any training (a missing folder must not lose an hour's run). */
import { access, constants, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './args';

/** Throws an Error naming the flag and the path when `path` cannot be written. */
export async function checkWritable(flag: string, path: string): Promise<void> {
  const dir = dirname(resolve(path));
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) throw new Error('not a folder');
    await access(dir, constants.W_OK);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not exist' : (e as NodeJS.ErrnoException).code === 'EACCES' ? 'the folder is not writable' : e instanceof Error ? e.message : String(e);
    throw new UsageError(`--${flag} ${path}: cannot write there (${why}); nothing was run`);
  }
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new UsageError(`--${flag} ${path} is a folder; give a file name`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Write a JSON file (pretty, trailing newline). */
export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(value, null, 2) + '\n');
}
