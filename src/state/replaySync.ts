/**
 * Keeps the link's `rec=1` (settings.replay) and the method screens' shipped recordings in step: a link (or the
 * landing page's "Watch a recorded run") with `rec=1` opens the screen's shipped recording; opening or closing that
 * recording writes or drops `rec=1`; switching screens shows whether the new screen plays its recording. A recording
 * that cannot be opened drops `rec=1` and the screen says why (replay store `error`).
 */
import type { MethodDescriptor } from '../methods/descriptor';
import { replayStore } from './replay';
import { closeReplayToLive } from './replayActions';
import { isLoadingShipped, openShippedRecording } from './replayLoad';
import { useStore } from './store';

const showsShipped = (id: string): boolean => replayStore(id).getState().source?.kind === 'shipped';

type Opener = (m: MethodDescriptor) => Promise<boolean>;

/** Start syncing for these methods (the app calls it once, after the URL sync). Returns the stop function. */
export function startReplaySync(methods: readonly MethodDescriptor[], open: Opener = (m) => openShippedRecording(m), store = useStore): () => void {
  const byId = new Map(methods.map((m) => [m.id, m]));
  const setReplay = (on: boolean) => {
    const s = store.getState().settings;
    if (Boolean(s.replay) !== on) store.getState().setSettings({ replay: on });
  };

  const want = (): void => {
    const { screen, replay } = store.getState().settings;
    const m = byId.get(screen);
    if (!m || !replay || showsShipped(m.id) || isLoadingShipped(m.id)) return;
    void open(m).then((ok) => {
      if (!ok && store.getState().settings.screen === m.id) setReplay(false);
    });
  };

  const offSettings = store.subscribe((st, prev) => {
    const s = st.settings;
    const p = prev.settings;
    if (s === p) return;
    if (s.screen !== p.screen && Boolean(s.replay) === Boolean(p.replay)) {
      // A plain screen switch: the link says what the new screen shows.
      const m = byId.get(s.screen);
      setReplay(m ? showsShipped(m.id) : false);
      return;
    }
    if (s.screen === p.screen && !s.replay && p.replay) {
      const m = byId.get(s.screen);
      if (m && showsShipped(m.id)) closeReplayToLive(m);
      return;
    }
    if (s.replay && !p.replay) want();
  });

  const offReplays = methods.map((m) =>
    replayStore(m.id).subscribe((r, prev) => {
      if (store.getState().settings.screen !== m.id) return;
      const now = r.source?.kind === 'shipped';
      if (now !== (prev.source?.kind === 'shipped')) setReplay(now);
    }),
  );

  want();
  return () => {
    offSettings();
    offReplays.forEach((off) => off());
  };
}
