/** Small form controls of the AtomNAS settings panel, bound to the URL-synced settings (core/urlState's `a…` keys). */
import { useId, useState } from 'react';
import { URL_SETTINGS, type NumberSetting, type Settings } from '../../core/urlState';
import { useStore } from '../../state/store';
import { Hint } from '../common/Hint';
import { CONTROL_HINTS } from './hints';

export type HintKey = keyof typeof CONTROL_HINTS;
type NumberKey = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];
type ChoiceKey = Exclude<keyof Settings, NumberKey>;

function def(key: string): NumberSetting {
  const d = URL_SETTINGS.find((s) => s.key === key);
  if (!d || d.kind !== 'number') throw new Error(`no numeric URL setting ${key}`);
  return d;
}

function Label({ htmlFor, text, hint }: { htmlFor: string; text: string; hint: HintKey }) {
  return (
    <div className="field-label">
      <label htmlFor={htmlFor}>{text}</label>
      <Hint label={text}>{CONTROL_HINTS[hint]}</Hint>
    </div>
  );
}

/** Number input: commits in-range values while typing; on blur clamps to the URL schema's range with a note. */
export function AtomNumber({ k, label, scale = 1, disabled }: { k: NumberKey & HintKey; label: string; scale?: number; disabled?: boolean }) {
  const value = useStore((s) => s.settings[k]);
  const setSettings = useStore((s) => s.setSettings);
  const d = def(k);
  const id = useId();
  const shown = Number((value * scale).toPrecision(6));
  const [text, setText] = useState(String(shown));
  const [seen, setSeen] = useState(shown);
  const [note, setNote] = useState<string | null>(null);
  if (seen !== shown) {
    setSeen(shown);
    setText(String(shown));
  }
  const commit = (raw: string, final: boolean) => {
    const v = Number(raw) / scale;
    if (raw.trim() === '' || !Number.isFinite(v)) {
      if (final) setText(String(shown));
      return;
    }
    let c = Math.min(d.max, Math.max(d.min, d.integer ? Math.round(v) : v));
    c = Number(c.toPrecision(6));
    if (c !== v && !final) return;
    setNote(c !== v ? `${label}: ${raw} is outside [${d.min * scale}, ${d.max * scale}]; using ${c * scale}` : null);
    setSeen(Number((c * scale).toPrecision(6)));
    setSettings({ [k]: c });
    if (final) setText(String(Number((c * scale).toPrecision(6))));
  };
  return (
    <div className="field">
      <Label htmlFor={id} text={label} hint={k} />
      <input
        id={id}
        name={k}
        type="number"
        inputMode="decimal"
        disabled={disabled}
        min={d.min * scale}
        max={d.max * scale}
        step="any"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          commit(e.target.value, false);
        }}
        onBlur={(e) => commit(e.target.value, true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value, true);
        }}
      />
      {note && (
        <small className="field-note" role="status">
          {note}
        </small>
      )}
    </div>
  );
}

/** A select over a choice setting; `disabledValues` are listed but not selectable, with their reason. */
export function AtomChoice<K extends ChoiceKey & HintKey>({
  k,
  label,
  options,
  disabledValues = {},
  onChange,
}: {
  k: K;
  label: string;
  options: readonly { value: Settings[K]; text: string }[];
  disabledValues?: Partial<Record<string, string>>;
  onChange?: (v: Settings[K]) => void;
}) {
  const value = useStore((s) => s.settings[k]);
  const setSettings = useStore((s) => s.setSettings);
  const id = useId();
  return (
    <div className="field">
      <Label htmlFor={id} text={label} hint={k} />
      <select
        id={id}
        name={k}
        value={value}
        onChange={(e) => {
          const v = e.target.value as Settings[K];
          if (onChange) onChange(v);
          else setSettings({ [k]: v });
        }}
      >
        {options.map((o) => {
          const why = disabledValues[o.value];
          return (
            <option key={o.value} value={o.value} disabled={why !== undefined}>
              {why ? `${o.text} (${why})` : o.text}
            </option>
          );
        })}
      </select>
    </div>
  );
}

/** ρ on a log-scale slider (10^-5 … 10^0), with the exact value shown. */
export function RhoSlider({ disabled }: { disabled?: boolean }) {
  const rho = useStore((s) => s.settings.arho);
  const setSettings = useStore((s) => s.setSettings);
  const id = useId();
  return (
    <div className="field">
      <Label htmlFor={id} text="ρ (penalty strength)" hint="arho" />
      <div className="rho-row">
        <input
          id={id}
          name="arho"
          type="range"
          min={-5}
          max={0}
          step={0.05}
          disabled={disabled}
          value={Math.log10(rho)}
          aria-valuetext={rho.toExponential(2)}
          onChange={(e) => setSettings({ arho: Number(Math.pow(10, Number(e.target.value)).toPrecision(3)) })}
        />
        <output htmlFor={id} data-testid="rho-value">
          {rho.toExponential(2)}
        </output>
      </div>
    </div>
  );
}

/** An on/off setting stored as a choice ('on' | 'off' or 'rho' | 'target'). */
export function AtomToggle({ label, hint, checked, onChange }: { label: string; hint: HintKey; checked: boolean; onChange: (on: boolean) => void }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      <Hint label={label}>{CONTROL_HINTS[hint]}</Hint>
    </div>
  );
}
