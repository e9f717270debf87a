import { describe, expect, it } from 'vitest';
import { attachmentPath } from './search';

describe('search attachments', () => {
  it('go next to --out, named after it (r.json → r.space.json)', () => {
    expect(attachmentPath('r.json', 'space')).toBe('r.space.json');
    expect(attachmentPath('out/run.JSON', 'space')).toBe('out/run.space.json');
    expect(attachmentPath('record', 'space')).toBe('record.space.json');
  });
});
