import type { DeviceCard } from '../../core/latency/profileSchema';
import { browserBrands } from '../../core/hostDescription';
import { useStore } from '../../state/store';
import { Hint } from '../common/Hint';

interface CardRows {
  backend: string;
  tfjs: string;
  vendor: string;
  architecture: string;
  fallback: boolean | null;
  timestampQuery: boolean | null;
  isolated: boolean;
  browser: string;
}

const yesNo = (v: boolean | null): string => (v === null ? 'unknown' : v ? 'yes' : 'no');

function Card({ title, rows, testId }: { title: string; rows: CardRows; testId: string }) {
  return (
    <dl className="summary device-card" data-testid={testId} aria-label={title}>
      <div className="summary-row">
        <dt>Adapter</dt>
        <dd data-testid="device-adapter">{[rows.vendor, rows.architecture].filter(Boolean).join(' · ') || 'none reported'}</dd>
      </div>
      <div className="summary-row">
        <dt>Software / fallback adapter</dt>
        <dd data-testid="device-fallback">
          {yesNo(rows.fallback)}
          {rows.fallback && <span className="badge badge-warn"> timings say nothing about a real GPU</span>}
        </dd>
      </div>
      <div className="summary-row">
        <dt>timestamp-query</dt>
        <dd>{yesNo(rows.timestampQuery)}</dd>
      </div>
      <div className="summary-row">
        <dt>crossOriginIsolated</dt>
        <dd data-testid="device-isolated">{rows.isolated ? 'yes (≈5 µs timer)' : 'no (timer coarsened to 100 µs)'}</dd>
      </div>
      <div className="summary-row">
        <dt>Browser</dt>
        <dd>{rows.browser}</dd>
      </div>
      <div className="summary-row">
        <dt>tfjs / backend</dt>
        <dd data-testid="device-backend">
          {rows.tfjs} / {rows.backend}
        </dd>
      </div>
    </dl>
  );
}

/** The device this page runs on now (from the worker's backend report). */
export function CurrentDeviceCard() {
  const b = useStore((s) => s.backend);
  const status = useStore((s) => s.backendStatus);
  if (!b) return <p className="muted">{status === 'failed' ? 'No compute backend could start.' : 'Starting the compute backend…'}</p>;
  const a = b.adapter;
  return (
    <Card
      title="This device"
      testId="device-card"
      rows={{
        backend: b.backend,
        tfjs: b.tfjsVersion,
        vendor: a?.vendor ?? '',
        architecture: a?.architecture ?? '',
        fallback: a ? a.isFallbackAdapter : null,
        timestampQuery: a ? a.features.includes('timestamp-query') : null,
        isolated: b.crossOriginIsolated,
        browser: browserBrands(navigator),
      }}
    />
  );
}

/** The device a stored profile was measured on. */
export function ProfileDeviceCard({ device }: { device: DeviceCard }) {
  return (
    <details className="profile-device">
      <summary>
        Device of this profile{' '}
        <Hint label="Device of this profile">
          Latencies in a profile are only valid for the device and browser that measured them. A profile imported from another machine
          predicts that machine, not this one.
        </Hint>
      </summary>
      <Card
        title="Device of this profile"
        testId="profile-device-card"
        rows={{
          backend: device.backend,
          tfjs: device.tfjsVersion,
          vendor: device.adapterVendor,
          architecture: device.adapterArchitecture,
          fallback: device.isFallbackAdapter,
          timestampQuery: device.timestampQuery,
          isolated: device.crossOriginIsolated,
          browser: device.browser,
        }}
      />
    </details>
  );
}
