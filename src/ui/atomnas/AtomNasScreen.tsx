/** The AtomNAS screen: press Start, watch a supernet's atoms die and the network shrink live. */
import { useEffect } from 'react';
import type { ScreenCommands } from '../screens';
import { installAtomNasRouting, resetAtomNas, stepAtomNas, toggleAtomNas } from './atomnasActions';
import { AtomNasCharts } from './AtomNasCharts';
import { AtomNasRunPanel } from './AtomNasRunPanel';
import { AtomNasSettingsForm } from './AtomNasSettingsForm';
import { useProfilesLoaded } from './latencyStatus';
import './atomnas.css';

export const atomnasCommands: ScreenCommands = {
  playPause: () => void toggleAtomNas(),
  step: () => void stepAtomNas(),
  reset: () => void resetAtomNas(),
};

export function AtomNasScreen() {
  useEffect(() => installAtomNasRouting(), []);
  useProfilesLoaded(); // the search-target profile prices the latency penalty and labels predicted latencies
  return (
    <div className="train-layout atomnas-layout">
      <div className="side">
        <AtomNasSettingsForm />
      </div>
      <div className="main-col">
        <AtomNasRunPanel />
        <AtomNasCharts />
      </div>
    </div>
  );
}
