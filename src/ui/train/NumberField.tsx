import { useId, useState } from 'react';
import { Hint } from '../common/Hint';
import { clampField, fieldDef, FIELD_HINTS, stepFor, type TrainFieldKey } from './settingsFields';

/**
 * A labelled number input that lets you type freely, commits valid in-range values immediately, and on blur clamps
 * out-of-range values with a visible note.
 */
export function NumberField({ field, value, onCommit }: { field: TrainFieldKey; value: number; onCommit: (v: number) => void }) {
  const def = fieldDef(field);
  const id = useId();
  const [text, setText] = useState(String(value));
  const [seen, setSeen] = useState(value);
  const [note, setNote] = useState<string | null>(null);
  if (seen !== value) {
    // The value changed from outside (preset, link): show it.
    setSeen(value);
    setText(String(value));
  }
  if (def.kind !== 'number') return null;
  const commit = (raw: string, final: boolean) => {
    const r = clampField(field, raw);
    if (!final && r.note) return; // still typing: wait for blur before adjusting
    setNote(r.note);
    if (r.value !== null) {
      setSeen(r.value);
      onCommit(r.value);
      if (final) setText(String(r.value));
    } else if (final) {
      setText(String(value));
    }
  };
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={id}>{def.label}</label>
        <Hint label={def.label}>{FIELD_HINTS[field]}</Hint>
      </div>
      <input
        id={id}
        name={field}
        type="number"
        inputMode="decimal"
        min={def.min}
        max={def.max}
        step={stepFor(field)}
        value={text}
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
