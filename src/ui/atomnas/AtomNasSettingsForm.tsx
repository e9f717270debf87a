/** The AtomNAS settings panel: presets, search space, penalty, shrinking and recipe, each with a "?" explanation. */
import { atomnasPreset, atomnasToUrl } from '../../core/atomnasSettings';
import { useStore } from '../../state/store';
import { AtomChoice, AtomNumber, AtomToggle, RhoSlider } from './fields';

/** Until the latency profiler supplies per-channel branch costs, the latency penalty cannot be chosen. */
const LATENCY_UNAVAILABLE = 'needs a device profile';

export function AtomNasSettingsForm() {
  const s = useStore((st) => st.settings);
  const setSettings = useStore((st) => st.setSettings);
  const runState = useStore((st) => st.runState);
  const locked = runState === 'running';
  const target = s.amode === 'target';
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
          disabledValues={{ latency: LATENCY_UNAVAILABLE }}
        />
        {s.apen === 'latency' && (
          <p className="field-note" role="status">
            The latency penalty {LATENCY_UNAVAILABLE} with per-channel branch costs; none is loaded, so Start will refuse it. Pick MACs or uniform.
          </p>
        )}
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
