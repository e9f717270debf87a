import { describe, expect, it } from 'vitest';
import { latencyText } from './latencyText';

describe('latencyText', () => {
  it('states the prediction with its label', () => {
    expect(latencyText({ latency: { ms: 1.23456, profileId: 'p', profileName: 'Quick', label: 'predicted (profile Quick)' } })).toBe('1.235 ms, predicted (profile Quick)');
  });

  it('says which profile could not price the network and which ops it lacks, not that none was chosen', () => {
    const t = latencyText({ latency: null, latencyUnpriced: { profileName: 'Quick profile · cpu', missing: ['mb a k=7', 'mb b k=7', 'mb c e=6'] } });
    expect(t).toBe(
      'not predicted: profile "Quick profile · cpu" cannot price this network: it has no entry for 3 of this network\'s operations (mb a k=7; mb b k=7; …). A full profile measures more kernel sizes and expansions; or measure the network itself on the Compare screen.',
    );
  });

  it('without a profile says none was chosen', () => {
    expect(latencyText({ latency: null })).toBe('no device profile chosen');
  });
});
