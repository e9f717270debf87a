/** The device card of a profile (LATENCY.md protocol step 1), read in the worker where the profile is measured. */
import * as tf from '@tensorflow/tfjs';
import type { DeviceCard } from '../../core/latency/profileSchema';
import type { BackendInfo } from '../backend';
import { browserBrands, type NavigatorLike } from '../../core/hostDescription';

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
    browser: browserBrands(nav),
    userAgent: nav.userAgent ?? '',
    hardwareConcurrency: nav.hardwareConcurrency ?? 0,
    workgroupThreshold: typeof be.thresholdToIncreaseWorkgroups === 'number' ? be.thresholdToIncreaseWorkgroups : 8,
  };
}
