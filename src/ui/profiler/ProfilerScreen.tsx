import { useEffect } from 'react';
import { ensureProfilerBridge, useProfiler } from '../../state/profilerState';
import { Hint } from '../common/Hint';
import { CurrentDeviceCard } from './DeviceCardView';
import { ProfileDetails } from './ProfileDetails';
import { ProfileList } from './ProfileList';
import { ProfileRunPanel } from './ProfileRunPanel';
import './profiler.css';

/** The device latency profiler: measure this device, predict latency, and prove the prediction. */
export function ProfilerScreen() {
  useEffect(ensureProfilerBridge, []);
  const selected = useProfiler((s) => s.profiles.find((p) => p.id === s.selectedId) ?? null);
  return (
    <div className="train-layout">
      <div className="side">
        <section className="panel" aria-labelledby="device-title">
          <h2 id="device-title">
            This device{' '}
            <Hint label="This device">
              What the browser says about its WebGPU adapter. A software adapter (SwiftShader) runs on the CPU: fine for trying things,
              meaningless as GPU latency. Without cross-origin isolation the browser coarsens timers to 100 µs.
            </Hint>
          </h2>
          <CurrentDeviceCard />
        </section>
        <ProfileRunPanel />
        <ProfileList />
      </div>
      <div className="main-col">{selected ? <ProfileDetails profile={selected} /> : <p className="muted">Measured profiles appear here.</p>}</div>
    </div>
  );
}
