/**
 * Reading AtomNAS's fields back from a ResultRecord (pure). A record may come from a file or storage written by
 * another version, so the fields are checked before the result view trusts them.
 */
import { z } from 'zod';
import type { ResultRecord } from '../../core/method/resultRecord';
import type { AtomNasRecordFields } from './snapshot';

const latency = z.object({ ms: z.number(), profileId: z.string(), profileName: z.string(), label: z.string() }).nullable();

const event = z.object({
  step: z.number(),
  epoch: z.number(),
  removedAtoms: z.number(),
  blocks: z.array(z.object({ layer: z.number(), slot: z.number(), perKernel: z.array(z.number()), blockRemoved: z.boolean() })),
  macsBefore: z.number(),
  macsAfter: z.number(),
  paramsAfter: z.number(),
  rho: z.number(),
});

const fields = z.object({
  supernetMacs: z.number().positive(),
  supernetParams: z.number().positive(),
  supernetLatency: latency.optional().default(null),
  latencyPricedBy: z.string().nullable().optional().default(null),
  testLoss: z.number().nullable().optional().default(null),
  steps: z.number(),
  events: z.array(event),
});

/** The AtomNAS fields of `record`, or why they cannot be read (naming the first bad field). */
export function readRecordFields(record: ResultRecord): { ok: true; fields: AtomNasRecordFields } | { ok: false; error: string } {
  const r = fields.safeParse(record);
  if (r.success) return { ok: true, fields: r.data };
  const i = r.error.issues[0];
  return { ok: false, error: `${i.path.join('.') || '(record)'}: ${i.message}` };
}
