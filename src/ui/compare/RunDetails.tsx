/**
 * One saved run opened from the Compare table: its record as a run card (seed, backend, machine, code version, dataset,
 * every setting; copy and download), and a way back to its settings: "Open its settings" puts them into the app from the
 * run's link and opens its screen, without starting anything.
 */
import type { SavedRun } from '../../core/runs/savedRun';
import { RecordCard } from '../common/RecordCard';

export function RunDetails({ run, onClose, onOpenSettings }: { run: SavedRun; onClose: () => void; onOpenSettings: (id: string) => void }) {
  return (
    <section className="panel" aria-label={`Details of ${run.name}`} data-testid="run-details">
      <div className="button-row">
        {run.url && (
          <button type="button" onClick={() => onOpenSettings(run.id)}>
            Open its settings
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {run.record ? (
        <RecordCard record={run.record} title={run.name} />
      ) : (
        <p className="muted small">
          {run.status === 'finished' ? 'This run kept no record.' : `This run is ${run.status}: it has no result record yet.`}
          {run.url ? '' : ' It kept no link to its settings.'}
        </p>
      )}
      {!run.url && run.record?.card.command && (
        <p className="muted small">
          Made by the CLI: <code>{run.record.card.command}</code>
        </p>
      )}
    </section>
  );
}
