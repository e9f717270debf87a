/**
 * The recordings shipped in public/recordings (made by `search --record`, issue 17 §2): each one the app would fetch
 * opens on its method's screen, has frames, key moments to jump to and the finished run's record, and stays compact.
 * A method without a shipped recording is listed, not failed (the screen then says none ships).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../methods/registry';
import { recordingEvents } from './replay';
import { recordingFromBytes, shippedRecordingPath } from './replayLoad';

const PUBLIC = join(import.meta.dirname, '../../public');

describe('shipped recordings', () => {
  for (const m of METHODS) {
    const file = join(PUBLIC, shippedRecordingPath(m.id));
    it.runIf(existsSync(file))(`${m.id}: opens, has key moments and the result, ≤ 2 MB`, async () => {
      const bytes = new Uint8Array(readFileSync(file));
      expect(bytes.length).toBeLessThanOrEqual(2e6);
      const rec = await recordingFromBytes(shippedRecordingPath(m.id), bytes, m.id);
      expect(rec.frames.length).toBeGreaterThan(10);
      expect(rec.record).not.toBeNull();
      expect(rec.record?.method).toBe(m.id);
      expect(recordingEvents(m, rec).length).toBeGreaterThan(0);
      expect(rec.made.command).toMatch(new RegExp(`search --method ${m.id}\\b.*--record`));
    });
  }
});
