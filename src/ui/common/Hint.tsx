import { useId, useState } from 'react';

/** A small "?" button that shows a plain-words explanation next to a control or chart. */
export function Hint({ label, children }: { label: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="hint">
      <button
        type="button"
        className="hint-button"
        aria-label={`Explain: ${label}`}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        onBlur={() => setOpen(false)}
      >
        ?
      </button>
      {open && (
        <span role="note" id={id} className="hint-popup">
          {children}
        </span>
      )}
    </span>
  );
}
