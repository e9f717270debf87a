/** The slow-motion choice (state/livePace.ts): a wait between optimisation steps so that each one can be watched. */
import { PACES, livePace, setLivePace } from '../../state/livePace';

export function SpeedSelect({ id }: { id: string }) {
  const pace = livePace((s) => s.ms);
  return (
    <>
      <label htmlFor={id} className="small">
        Speed
      </label>
      <select id={id} value={pace} onChange={(e) => void setLivePace(Number(e.target.value))} title="Slow motion: wait between optimisation steps so you can watch each one">
        {PACES.map((p) => (
          <option key={p.ms} value={p.ms}>
            {p.label}
          </option>
        ))}
      </select>
    </>
  );
}
