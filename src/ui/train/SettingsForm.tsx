import { useId } from 'react';
import { useStore } from '../../state/store';
import { Hint } from '../common/Hint';
import { CostReadout } from './CostReadout';
import { NumberField } from './NumberField';
import { fieldDef, FIELD_HINTS, FIELD_ORDER, fullPreset, QUICK_PRESET, type TrainFieldKey } from './settingsFields';

function ChoiceField({ field }: { field: TrainFieldKey }) {
  const def = fieldDef(field);
  const id = useId();
  const value = useStore((s) => s.settings[field]);
  const setSettings = useStore((s) => s.setSettings);
  if (def.kind !== 'choice') return null;
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={id}>{def.label}</label>
        <Hint label={def.label}>{FIELD_HINTS[field]}</Hint>
      </div>
      <select id={id} name={field} value={String(value)} onChange={(e) => setSettings({ [field]: e.target.value })}>
        {def.values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
}

function TinyField() {
  const tiny = useStore((s) => s.settings.tiny);
  const setSettings = useStore((s) => s.setSettings);
  const def = fieldDef('tiny');
  return (
    <div className="field field-check">
      <label>
        <input type="checkbox" name="tiny" checked={tiny === 1} onChange={(e) => setSettings({ tiny: e.target.checked ? 1 : 0 })} />
        {def.label}
      </label>
      <Hint label={def.label}>{FIELD_HINTS.tiny}</Hint>
    </div>
  );
}

function Field({ field }: { field: TrainFieldKey }) {
  const value = useStore((s) => s.settings[field]);
  const setSettings = useStore((s) => s.setSettings);
  if (field === 'tiny') return <TinyField />;
  if (fieldDef(field).kind === 'choice') return <ChoiceField field={field} />;
  return <NumberField field={field} value={value as number} onCommit={(v) => setSettings({ [field]: v })} />;
}

/** Training settings (all in the URL) with "?" hints, presets and the network's live MACs/params. */
export function SettingsForm() {
  const runState = useStore((s) => s.runState);
  const setSettings = useStore((s) => s.setSettings);
  const locked = runState === 'running' || runState === 'paused' || runState === 'diverged';
  return (
    <section className="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <div className="presets" role="group" aria-label="Presets">
        <button type="button" className="button small" disabled={locked} onClick={() => setSettings(QUICK_PRESET)}>
          Quick demo
        </button>
        <button type="button" className="button small" disabled={locked} onClick={() => setSettings(fullPreset())}>
          Full recipe
        </button>
      </div>
      <fieldset disabled={locked} className="settings-grid">
        <legend className="visually-hidden">Training settings</legend>
        {FIELD_ORDER.map((f) => (
          <Field key={f} field={f} />
        ))}
      </fieldset>
      {locked && <p className="muted small">Settings are locked while a run exists. Reset to change them.</p>}
      <CostReadout />
    </section>
  );
}
