/**
 * A settings group as a form: preset buttons, every field with its "?" (generated from the group), the advanced
 * ones behind "More settings", and the group's cross-field problems shown before Start. Bound to the app store's
 * config of the group (and so to the link).
 */
import type { ReactNode } from 'react';
import { presetConfig, type SettingsGroup } from '../../core/settings/group';
import { useStore } from '../../state/store';
import { FieldInput } from './FieldInput';
import { Hint } from './Hint';
import { PRESET_NOTES } from './presetNotes';

interface Props {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any group's config type
  group: SettingsGroup<any>;
  /** Settings cannot change while this screen's run exists. */
  locked: boolean;
  /** Labels of the preset buttons (default: the preset names). */
  presetLabels?: Record<string, string>;
  children?: ReactNode;
}

export function GroupForm({ group, locked, presetLabels, children }: Props) {
  const config = useStore((s) => s.settings.configs[group.id]);
  const setConfig = useStore((s) => s.setConfig);
  const presets = Object.keys(group.presets);
  const problems = group.crossCheck?.(config) ?? [];
  const basic = group.fields.filter((f) => !f.advanced);
  const advanced = group.fields.filter((f) => f.advanced);
  const input = (f: (typeof group.fields)[number]) => (
    <FieldInput key={f.key} field={f} value={config[f.key]} disabled={locked || (f.enabledWhen ? !f.enabledWhen(config) : false)} onCommit={(v) => setConfig(group.id, { [f.key]: v })} />
  );
  return (
    <section className="panel" aria-labelledby={`${group.id}-settings-title`}>
      <h2 id={`${group.id}-settings-title`}>Settings</h2>
      {presets.length > 1 && (
        <div className="presets" role="group" aria-label="Presets">
          {presets.map((p) => (
            <button
              key={p}
              type="button"
              className="button small"
              disabled={locked}
              aria-pressed={group.presetKey ? config[group.presetKey] === p : undefined}
              title={PRESET_NOTES[p]}
              onClick={() => setConfig(group.id, presetConfig(group, p) as Record<string, unknown>)}
            >
              {presetLabels?.[p] ?? p}
            </button>
          ))}
          {presets.some((p) => PRESET_NOTES[p]) && (
            <Hint label="Presets">
              {presets
                .filter((p) => PRESET_NOTES[p])
                .map((p) => `${presetLabels?.[p] ?? p}: ${PRESET_NOTES[p]}`)
                .join(' ')}
            </Hint>
          )}
        </div>
      )}
      {/* Not a disabled fieldset: the "?" buttons inside must stay usable during a run. */}
      <div className="settings-grid" role="group" aria-label={`${group.label} settings`}>
        {basic.map(input)}
      </div>
      {advanced.length > 0 && (
        <details className="advanced">
          <summary>More settings</summary>
          <div className="settings-grid">{advanced.map(input)}</div>
        </details>
      )}
      {problems.length > 0 && (
        <ul className="error-text small" role="alert" data-testid="settings-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {locked && <p className="muted small">Settings are locked while a run exists. Reset to change them.</p>}
      {children}
    </section>
  );
}
