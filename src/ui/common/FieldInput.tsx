/**
 * One setting as a form control, generated from its field declaration (core/settings/fields.ts): a number input
 * (type freely; in-range values commit at once; on blur an out-of-range value is clamped with a visible note), a
 * select, or a checkbox. Every control has its "?" explanation, usable even while the settings are locked.
 */
import { useId, useState } from 'react';
import { describeField, parseLenient, toShown, toWord, type Field, type NumberField } from '../../core/settings/fields';
import { Hint } from './Hint';

interface Props {
  field: Field;
  value: unknown;
  disabled: boolean;
  onCommit: (v: unknown) => void;
}

function Label({ htmlFor, field }: { htmlFor: string; field: Field }) {
  return (
    <div className="field-label">
      <label htmlFor={htmlFor}>{field.label}</label>
      <Hint label={field.label}>{field.hint}</Hint>
    </div>
  );
}

function NumberInput({ field, value, disabled, onCommit }: Props & { field: NumberField }) {
  const id = useId();
  const shown = toShown(field, value as number);
  const [text, setText] = useState(String(shown));
  const [seen, setSeen] = useState(shown);
  const [note, setNote] = useState<string | null>(null);
  if (seen !== shown) {
    // The value changed from outside (preset, link): show it.
    setSeen(shown);
    setText(String(shown));
  }
  const commit = (raw: string, final: boolean) => {
    const r = parseLenient(field, raw);
    if (!final && (r.note || r.value === null)) return; // still typing: adjust on blur
    if (r.value === null) {
      setNote(`“${raw.slice(0, 40)}” is not a number; kept ${toWord(field, value)}`);
      setText(String(shown));
      return;
    }
    const next = toShown(field, r.value as number);
    setNote(r.note ? `${raw.slice(0, 40)} → ${next} (${describeField(field)})` : null);
    setSeen(next);
    onCommit(r.value);
    if (final) setText(String(next));
  };
  return (
    <div className="field">
      <Label htmlFor={id} field={field} />
      <input
        id={id}
        name={field.url}
        type="number"
        inputMode="decimal"
        min={field.min}
        max={field.max}
        step={field.step ?? (field.integer ? '1' : 'any')}
        value={text}
        disabled={disabled}
        aria-describedby={note ? `${id}-note` : undefined}
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
        <small id={`${id}-note`} className="field-note" role="status">
          {note}
        </small>
      )}
    </div>
  );
}

/** The control of one field. */
export function FieldInput(props: Props) {
  const { field, value, disabled, onCommit } = props;
  const id = useId();
  if (field.kind === 'number') return <NumberInput {...props} field={field} />;
  if (field.kind === 'boolean') {
    return (
      <div className="field field-check">
        <label htmlFor={id}>
          <input id={id} type="checkbox" name={field.url} checked={value === true} disabled={disabled} onChange={(e) => onCommit(e.target.checked)} />
          {field.label}
        </label>
        <Hint label={field.label}>{field.hint}</Hint>
      </div>
    );
  }
  const word = toWord(field, value);
  return (
    <div className="field">
      <Label htmlFor={id} field={field} />
      <select
        id={id}
        name={field.url}
        value={word}
        disabled={disabled}
        onChange={(e) => {
          const r = parseLenient(field, e.target.value);
          if (r.value !== null) onCommit(r.value);
        }}
      >
        {field.values.map((v) => (
          <option key={v} value={v}>
            {field.labels?.[v] ?? v}
          </option>
        ))}
      </select>
    </div>
  );
}
