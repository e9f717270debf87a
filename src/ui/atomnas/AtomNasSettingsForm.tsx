/** The AtomNAS settings panel: presets, search space, penalty, shrinking and recipe, each with a "?" explanation. */
import { NO_PROFILE_REASON } from '../../core/atomnasLatency';
import { atomnasPreset, atomnasToUrl } from '../../core/atomnasSettings';
import { useStore } from '../../state/store';
import { AtomChoice, AtomNumber, AtomToggle, RhoSlider } from './fields';
import { useLatencyPenaltyStatus } from './latencyStatus';

/** Why the latency option is greyed out (short, in the option itself; the full reason is shown below the select). */
const LATENCY_UNAVAILABLE = 'needs a device profile';

/** Which profile prices the latency penalty, or why it cannot (shown under the penalty choice). */
function LatencyPenaltyNote({ selected }: { selected: boolean }) {
  const st = useLatencyPenaltyStatus();
  if (!st.selectable) {
    return (
      <p className="field-note" role={selected ? 'alert' : 'note'} data-testid="latency-penalty-note">
        Latency penalty: {NO_PROFILE_REASON}.{selected ? ' Start will refuse it; pick MACs or uniform.' : ''}
      </p>
    );
  }
  if (selected && !st.usable) {
    return (
      <p className="field-note error-text" role="alert" data-testid="latency-penalty-note">
        {st.reason}
      </p>
    );
  }
  return (
    <p className="field-note" role="note" data-testid="latency-penalty-note">
      Latency penalty priced by the search-target profile <strong data-testid="latency-profile-name">{st.profileName}</strong>
      {st.usable ? ' (per-channel cost of each branch, from its fit of latency against hidden width).' : ` — ${st.reason ?? ''}`}
    </p>
  );
}

export function AtomNasSettingsForm() {
  const s = useStore((st) => st.settings);
  const setSettings = useStore((st) => st.setSettings);
  const runState = useStore((st) => st.runState);
  const locked = runState === 'running';
  const target = s.amode === 'target';
  const latency = useLatencyPenaltyStatus();
  return (
    <section className="panel" aria-labelledby="atomnas-settings-title">
      <h2 id="atomnas-settings-title">Search settings</h2>
      <p className="muted small">Changes apply to the next Start; the link in the address bar reproduces them.</p>
      <fieldset disabled={locked} className="atomnas-fields">
        <AtomChoice
          k="apreset"
          label="Preset"
          options={[
            { value: 'tiny', text: 'tiny (fast)' },
            { value: 'default', text: 'default (full skeleton)' },
          ]}
          onChange={(v) => setSettings(atomnasToUrl({ ...atomnasPreset(v), seed: s.aseed }))}
        />
        <AtomChoice
          k="ak"
          label="Kernel sizes"
          options={(['3-5-7', '3-5', '3-7', '5-7', '3', '5', '7'] as const).map((v) => ({ value: v, text: v.split('-').map((k) => `${k}×${k}`).join(', ') }))}
        />
        <AtomNumber k="ae" label="Expansion per kernel" />
        <RhoSlider disabled={locked || target} />
        <AtomChoice
          k="apen"
          label="Penalty per atom"
          options={[
            { value: 'macs', text: 'MACs (resource-aware)' },
            { value: 'uniform', text: 'uniform (network slimming)' },
            { value: 'latency', text: 'latency on this device' },
          ]}
          disabledValues={latency.selectable ? {} : { latency: LATENCY_UNAVAILABLE }}
        />
        <LatencyPenaltyNote selected={s.apen === 'latency'} />
        <AtomToggle label="Target mode: adapt ρ to a MACs target (ours)" hint="amode" checked={target} onChange={(on) => setSettings({ amode: on ? 'target' : 'rho' })} />
        {target && <AtomNumber k="atgt" label="MACs target (millions)" />}
        <AtomNumber k="athr" label="Dead when |γ| ≤" />
        <AtomNumber k="afrac" label="Shrink threshold (% of supernet MACs)" scale={100} />
        <AtomNumber k="aevery" label="Shrink check every (steps)" />
        <AtomNumber k="aep" label="Epochs" />
        <AtomNumber k="aseed" label="Seed" />
        <details>
          <summary>Recipe</summary>
          <AtomNumber k="alr" label="Learning rate" />
          <AtomChoice
            k="aopt"
            label="Optimizer"
            options={[
              { value: 'sgd', text: 'SGD + momentum 0.9' },
              { value: 'rmsprop', text: 'RMSprop (ε = 1e-3)' },
            ]}
          />
          <AtomNumber k="aema" label="EMA decay (0 = off)" />
          <AtomToggle label="Proximal step on γ (ours)" hint="aprox" checked={s.aprox === 'on'} onChange={(on) => setSettings({ aprox: on ? 'on' : 'off' })} />
          <AtomNumber k="alimit" label="Training images (0 = all)" />
        </details>
      </fieldset>
    </section>
  );
}
