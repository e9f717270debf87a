import { describe, expect, it } from 'vitest';
import { readAdapterIdentity } from './adapterInfo';

describe('readAdapterIdentity', () => {
  it('reads adapter.info, falls back to requestAdapterInfo() on older browsers, and to nothing', async () => {
    expect(await readAdapterIdentity({ info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } })).toEqual({
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: '',
      isFallbackAdapter: true,
    });
    const old = await readAdapterIdentity({ requestAdapterInfo: () => Promise.resolve({ vendor: 'intel', description: 'Iris' }), isFallbackAdapter: false });
    expect(old).toMatchObject({ vendor: 'intel', description: 'Iris', isFallbackAdapter: false });
    const broken = await readAdapterIdentity({ requestAdapterInfo: () => Promise.reject(new Error('gone')), isFallbackAdapter: true });
    expect(broken).toEqual({ vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: true });
  });
});
