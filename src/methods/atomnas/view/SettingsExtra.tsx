/**
 * Below the generated AtomNAS settings form: which profile prices the latency penalty, or why it cannot (so the
 * choice is never estimated behind the user's back), and what target mode does to ρ.
 */
import { NO_PROFILE_REASON } from '../latency';
import type { AtomNasSettings } from '../settings';
import { useLatencyPenaltyStatus, useProfilesLoaded } from './latencyStatus';

/** Which profile prices the latency penalty, or why it cannot. */
function LatencyPenaltyNote({ config }: { config: AtomNasSettings }) {
  const st = useLatencyPenaltyStatus(config);
  const selected = config.penalty === 'latency';
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

export function SettingsExtra({ config }: { config: Record<string, unknown> }) {
  useProfilesLoaded(); // the search-target profile prices the latency penalty and labels predicted latencies
  const c = config as unknown as AtomNasSettings;
  return (
    <div className="atomnas-settings-extra">
      <LatencyPenaltyNote config={c} />
      {c.targetMode && (
        <p className="field-note" role="note" data-testid="target-mode-note">
          Target mode: ρ = {c.rho} is only the starting strength; the controller adapts it at every shrink check so the network ends near{' '}
          {Number((c.targetMacs / 1e6).toPrecision(4))} M MACs.
        </p>
      )}
    </div>
  );
}
