/** The device card of a profile (LATENCY.md protocol step 1), read in the worker where the profile is measured. */
import * as tf from '@tensorflow/tfjs';
import type { DeviceCard } from '../../core/latency/profileSchema';
import type { BackendInfo } from '../backend';

interface NavigatorLike {
  userAgent?: string;
  hardwareConcurrency?: number;
  userAgentData?: { brands?: { brand: string; version: string }[] };
}

/** "Chromium 156, Google Chrome 156" from userAgentData (GREASE brands dropped), else the user-agent string. */
export function browserLabel(nav: NavigatorLike): string {
  const brands = (nav.userAgentData?.brands ?? []).filter((b) => !/not.?a.?brand/i.test(b.brand));
  if (brands.length) return brands.map((b) => `${b.brand} ${b.version}`).join(', ');
  return nav.userAgent ?? 'unknown';
}

export function deviceCard(info: BackendInfo): DeviceCard {
  const nav = (globalThis as { navigator?: NavigatorLike }).navigator ?? {};
  const be = tf.backend() as unknown as { thresholdToIncreaseWorkgroups?: number };
  const a = info.adapter;
  return {
    backend: info.backend,
    tfjsVersion: info.tfjsVersion,
    adapterVendor: a?.vendor ?? '',
    adapterArchitecture: a?.architecture ?? '',
    adapterDevice: a?.device ?? '',
    adapterDescription: a?.description ?? '',
    isFallbackAdapter: a?.isFallbackAdapter ?? false,
    timestampQuery: a?.features.includes('timestamp-query') ?? false,
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? false,
    browser: browserLabel(nav),
    userAgent: nav.userAgent ?? '',
    hardwareConcurrency: nav.hardwareConcurrency ?? 0,
    workgroupThreshold: typeof be.thresholdToIncreaseWorkgroups === 'number' ? be.thresholdToIncreaseWorkgroups : 8,
  };
}
