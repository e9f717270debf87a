import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordingBuilder } from '../core/method/recorder';
import type { Recording } from '../core/method/recording';
import { presetConfig } from '../core/settings/group';
import { METHODS } from '../methods/registry';
import { closeReplay, openReplay, replayStore } from './replay';
import { liveSettingsOf, replayAwareCommands, runLiveWithRecordingSettings } from './replayActions';
import { startReplaySync } from './replaySync';
import { useStore } from './store';

const atom = METHODS.find((x) => x.id === 'atomnas')!;
const other = METHODS.find((x) => x.id !== 'atomnas')!;

const tiny = (): Record<string, unknown> => presetConfig(atom.settings, 'tiny') as Record<string, unknown>;

function rec(method = 'atomnas', config: Record<string, unknown> = { ...tiny(), rho: 0.15 }, frames = 4): Recording {
  const b = new RecordingBuilder({ method, preset: 'tiny', config, started: { totalSteps: frames } as never, made: { date: '2026-11-30T00:00:00Z' } as never }, 0);
  for (let i = 0; i < frames; i++) b.add(i + 1, 0, { steps: [], events: [] }, i);
  return b.build(null);
}

afterEach(() => {
  for (const m of METHODS) closeReplay(m.id);
  useStore.getState().setSettings({ screen: 'landing', replay: false });
});

describe('replaySync (rec=1 in the link)', () => {
  it('rec=1 opens the screen’s shipped recording; closing it drops rec=1; a failure drops it too', async () => {
    const opened: string[] = [];
    let ok = true;
    const open = vi.fn((m: typeof atom) => {
      opened.push(m.id);
      if (ok) openReplay(m, rec(m.id), { kind: 'shipped', name: `recordings/${m.id}.json.gz` });
      return Promise.resolve(ok);
    });
    const stop = startReplaySync(METHODS, open);
    useStore.getState().setSettings({ screen: 'atomnas', replay: true });
    await vi.waitFor(() => expect(replayStore('atomnas').getState().source?.kind).toBe('shipped'));
    expect(opened).toEqual(['atomnas']);
    // Switching screens: the link says what the new screen shows, and coming back shows the recording again.
    useStore.getState().setSettings({ screen: other.id });
    expect(useStore.getState().settings.replay).toBe(false);
    useStore.getState().setSettings({ screen: 'atomnas' });
    expect(useStore.getState().settings.replay).toBe(true);
    closeReplay('atomnas');
    expect(useStore.getState().settings.replay).toBe(false);
    // Opening the shipped recording from the screen writes rec=1.
    openReplay(atom, rec(), { kind: 'shipped', name: 'x' });
    expect(useStore.getState().settings.replay).toBe(true);
    // A link edited to drop rec=1 closes it.
    useStore.getState().setSettings({ replay: false });
    expect(replayStore('atomnas').getState().recording).toBeNull();
    ok = false;
    useStore.getState().setSettings({ screen: other.id, replay: true });
    await vi.waitFor(() => expect(useStore.getState().settings.replay).toBe(false));
    expect(opened).toEqual(['atomnas', other.id]);
    stop();
  });
});

describe('replayActions', () => {
  it('"Run it live with these settings" puts the recording’s settings in the form and closes the replay', () => {
    openReplay(atom, rec(), { kind: 'file', name: 'r.json' });
    runLiveWithRecordingSettings(atom);
    expect(useStore.getState().settings.configs.atomnas).toMatchObject({ preset: 'tiny', rho: 0.15 });
    expect(replayStore('atomnas').getState().recording).toBeNull();
  });

  it('settings are read like a link: unknown keys dropped, bad values clamped with a notice', () => {
    const { config, notices } = liveSettingsOf(atom, rec('atomnas', { ...tiny(), rho: 50, bogus: 1 }));
    expect(config).not.toHaveProperty('bogus');
    expect(config.rho).toBe(1);
    expect(notices.join('\n')).toMatch(/rho|ρ/);
  });

  it('the shortcuts drive the replay while one is open, the live run otherwise', () => {
    const live = { playPause: vi.fn(), step: vi.fn(), nextEvent: vi.fn(), reset: vi.fn() };
    const c = replayAwareCommands(atom, live);
    c.playPause();
    c.step();
    c.reset();
    expect([live.playPause, live.step, live.reset].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
    openReplay(atom, rec(), { kind: 'file', name: 'r.json' });
    c.step();
    c.step();
    expect(replayStore('atomnas').getState().frame).toBe(2);
    c.playPause();
    expect(replayStore('atomnas').getState().playing).toBe(true);
    c.playPause();
    expect(replayStore('atomnas').getState().playing).toBe(false);
    c.reset();
    expect(replayStore('atomnas').getState().frame).toBe(0);
    expect([live.playPause, live.step, live.reset].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
  });
});
