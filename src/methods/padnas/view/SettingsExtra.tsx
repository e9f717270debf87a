/** The PAD-NAS settings panel: preset, stages, NSGA-II, pruning, latency window and recipe, each with a "?" hint. */
import { useId } from 'react';
import type { OpFamily } from '../../core/padnas/ops';
import { padnasPreset, type PadNasPresetId, type PadNasSettings } from '../../core/padnas/settings';
import { useStore } from '../../state/store';
import { Hint } from '../common/Hint';
import { CONTROL_HINTS } from './hints';
import { setPadNasSettings, usePadNas } from './padnasStore';

type NumKey = { [K in keyof PadNasSettings]: PadNasSettings[K] extends number ? K : never }[keyof PadNasSettings];
type HintKey = keyof typeof CONTROL_HINTS;

/** Number input bound to one setting, clamped to [min, max] (integers where asked). */
function Num({ k, label, hint, min, max, int = true, scale = 1 }: { k: NumKey; label: string; hint: HintKey; min: number; max: number; int?: boolean; scale?: number }) {
  const value = usePadNas((s) => s.settings[k]);
  const id = useId();
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        <Hint label={label}>{CONTROL_HINTS[hint]}</Hint>
      </div>
      <input
        id={id}
        name={k}
        type="number"
        min={min * scale}
        max={max * scale}
        step={int ? 1 : 'any'}
        value={Number((value * scale).toPrecision(6))}
        onChange={(e) => {
          const raw = Number(e.target.value) / scale;
          if (e.target.value.trim() === '' || !Number.isFinite(raw)) return;
          const v = Math.min(max, Math.max(min, int ? Math.round(raw) : raw));
          setPadNasSettings({ [k]: v });
        }}
      />
    </div>
  );
}

function WindowNote() {
  const unit = usePadNas((s) => s.window?.unit);
  const profile = usePadNas((s) => s.profileName);
  const notice = usePadNas((s) => s.notice);
  if (notice) return <p className="field-note" role="status">{notice}</p>;
  if (unit === 'ms') return <p className="field-note" data-testid="pad-window-unit">Window in predicted milliseconds, profile “{profile}”.</p>;
  return (
    <p className="field-note" data-testid="pad-window-unit">
      {unit === 'MACs' ? 'No device profile is the search target: the window is in MACs.' : 'The window is in predicted ms when the Latency screen has a search-target profile, else in MACs.'}
    </p>
  );
}

export function PadNasSettingsForm() {
  const s = usePadNas((st) => st.settings);
  const runState = useStore((st) => st.runState);
  const locked = runState === 'running';
  const presetId = useId();
  const bnId = useId();
  const opsId = useId();
  return (
    <section className="panel" aria-labelledby="padnas-settings-title">
      <h2 id="padnas-settings-title">Search settings</h2>
      <p className="muted small">Changes apply to the next Start; the link in the address bar reproduces them.</p>
      <fieldset disabled={locked} className="padnas-fields">
        <div className="field">
          <div className="field-label">
            <label htmlFor={presetId}>Preset</label>
            <Hint label="Preset">{CONTROL_HINTS.preset}</Hint>
          </div>
          <select id={presetId} name="preset" value={s.preset} onChange={(e) => setPadNasSettings({ ...padnasPreset(e.target.value as PadNasPresetId), seed: s.seed })}>
            <option value="tiny">tiny (fast)</option>
            <option value="default">default (full skeleton)</option>
          </select>
        </div>
        <div className="field">
          <div className="field-label">
            <label htmlFor={opsId}>Candidate ops</label>
            <Hint label="Candidate ops">{CONTROL_HINTS.ops}</Hint>
          </div>
          <select id={opsId} name="ops" value={s.ops} onChange={(e) => setPadNasSettings({ ops: e.target.value as OpFamily })}>
            <option value="all">k3/5/7 × e3/6 + identity (paper)</option>
            <option value="k35">k3/5 × e3/6 + identity</option>
            <option value="k3">k3 × e3/6 + identity</option>
            <option value="e3">k3/5/7 × e3 + identity</option>
          </select>
        </div>
        <Num k="stages" label="Stages M" hint="stages" min={3} max={6} />
        <Num k="population" label="Population" hint="population" min={4} max={64} />
        <Num k="generations" label="Generations per search" hint="generations" min={0} max={40} />
        <Num k="rankK" label="Voters: rank < k" hint="rankK" min={1} max={20} />
        <Num k="shareThreshold" label="Prune at share ≤ (%)" hint="shareThreshold" min={0} max={0.5} int={false} scale={100} />
        <Num k="windowLo" label="Window from (0–1)" hint="window" min={0} max={0.95} int={false} />
        <Num k="windowHi" label="Window to (0–1)" hint="window" min={0.05} max={1} int={false} />
        <WindowNote />
        <div className="field field-check">
          <input id={bnId} type="checkbox" checked={s.bnRecal} onChange={(e) => setPadNasSettings({ bnRecal: e.target.checked })} />
          <label htmlFor={bnId}>Re-estimate BN per candidate</label>
          <Hint label="Re-estimate BN per candidate">{CONTROL_HINTS.bnRecal}</Hint>
        </div>
        <Num k="seed" label="Seed" hint="seed" min={0} max={2 ** 31 - 1} />
        <details>
          <summary>Training and ranking check</summary>
          <Num k="supernetEpochs" label="Supernet epochs (stage 1)" hint="supernetEpochs" min={1} max={50} />
          <Num k="finetuneEpochs" label="Fine-tune epochs per prune" hint="finetuneEpochs" min={0} max={20} />
          <Num k="rankArchs" label="Ranking architectures" hint="rankArchs" min={2} max={16} />
          <Num k="rankSteps" label="Stand-alone steps each" hint="rankSteps" min={1} max={500} />
          <Num k="finalEpochs" label="Final training epochs" hint="finalEpochs" min={1} max={50} />
          <Num k="trainLimit" label="Training images (0 = all)" hint="trainLimit" min={0} max={1_000_000} />
          <Num k="lr" label="Learning rate" hint="lr" min={1e-4} max={1} int={false} />
        </details>
      </fieldset>
    </section>
  );
}
