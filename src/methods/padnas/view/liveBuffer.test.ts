import { beforeEach, describe, expect, it } from 'vitest';
import { padnasPreset } from '../../core/padnas/settings';
import { defaultSettings } from '../../core/urlState';
import { useStore } from '../../state/store';
import { writeHash } from '../../state/urlSync';
import { setPadNasSettings, usePadNas } from './padnasStore';

beforeEach(() => {
  useStore.setState({ settings: defaultSettings(), notices: [] });
});

describe('PAD-NAS settings store', () => {
  it('mirrors the URL settings both ways', () => {
    expect(usePadNas.getState().settings).toEqual(padnasPreset('tiny'));
    setPadNasSettings({ population: 4, ops: 'k3', bnRecal: false });
    expect(usePadNas.getState().settings).toEqual({ ...padnasPreset('tiny'), population: 4, ops: 'k3', bnRecal: false });
    expect(writeHash(useStore.getState().settings)).toBe('v=1&pops=k3&ppop=4&pbn=off');
    useStore.getState().setSettings({ pseed: 5, pst: 4 }); // a link or a hash edit
    expect(usePadNas.getState().settings).toMatchObject({ population: 4, seed: 5, stages: 4 });
  });
});
