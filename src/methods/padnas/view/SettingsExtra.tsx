/**
 * Under the PAD-NAS settings form: the latency window these settings give in MACs on the loaded data's skeleton (a
 * preview; with a search-target device profile the run measures it in predicted ms instead), what the last run
 * measured it in. (An empty window is reported by the form's cross-check.)
 */
import { useMemo } from 'react';
import { singlePathSpace, type OpFamily } from '../../../core/space/singlePath';
import { costWindow } from '../../../core/space/window';
import { methodRunStore } from '../../../state/methodRuns';
import { useStore } from '../../../state/store';
import type { PadNasWindow } from '../snapshot';
import { costText } from './liveBuffer';

const run = methodRunStore('padnas');

/** The window in MACs for these settings and input shape, or null when it cannot be computed (empty window…). */
function macsWindow(c: Record<string, unknown>, input: { height: number; width: number; channels: number; numClasses: number }): PadNasWindow | null {
  try {
    const skeleton = { input: { height: input.height, width: input.width, channels: input.channels }, numClasses: input.numClasses, width: Number(c.width), tiny: Boolean(c.tiny) };
    const space = singlePathSpace(Number(c.width), c.ops as OpFamily);
    return costWindow({ skeleton, space, lo: Number(c.windowLo), hi: Number(c.windowHi), objective: 'macs', profile: null }).window;
  } catch {
    return null;
  }
}

export function SettingsExtra({ config: c }: { config: Record<string, unknown> }) {
  const ds = useStore((s) => s.dataset);
  const last = run((s) => (s.started?.info.window ?? null) as PadNasWindow | null);
  const notice = run((s) => s.started?.info.notice ?? null);
  const preview = useMemo(
    () => (ds ? macsWindow(c, ds) : null),
    // Only the settings that move the window matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ds, c.width, c.tiny, c.ops, c.windowLo, c.windowHi],
  );
  const empty = !(Number(c.windowLo) < Number(c.windowHi));
  return (
    <div className="padnas-extra">
      {preview && !empty && (
        <p className="field-note" data-testid="pad-window-preview">
          In MACs this window is {costText(preview.lo, 'MACs')} … {costText(preview.hi, 'MACs')} (the space spans {costText(preview.min, 'MACs')} …{' '}
          {costText(preview.max, 'MACs')}).
        </p>
      )}
      {typeof notice === 'string' ? (
        <p className="field-note" role="status">
          {notice}
        </p>
      ) : (
        <p className="field-note" data-testid="pad-window-unit">
          {last?.unit === 'ms'
            ? `The last run measured the window in predicted milliseconds, profile “${last.profileName ?? ''}”.`
            : last?.unit === 'MACs'
              ? 'No device profile was the search target: the last run measured the window in MACs.'
              : 'The window is in predicted ms when the Latency screen has a search-target profile, else in MACs.'}
        </p>
      )}
    </div>
  );
}
