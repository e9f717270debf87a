/**
 * A checked read-back of PAD-NAS's fields from a result record (pure): a record may come from storage or a file, so
 * the result view reads only what passes this shape check.
 */
import { z } from 'zod';
import type { ResultRecord } from '../../core/method/resultRecord';

const num = z.number();
const acc = z.number().nullable();
const genotype = z.array(z.string()).min(1);

const fieldsSchema = z.looseObject({
  genotype,
  oneShotAccuracy: num,
  cost: num,
  window: z.looseObject({ lo: num, hi: num, unit: z.enum(['ms', 'MACs']), profileName: z.string().nullable(), min: num, max: num }),
  windowNotice: z.string().nullable(),
  baseline: z.looseObject({ genotype, macs: num, params: num, cost: num, valAccuracy: acc, testAccuracy: acc }),
  ranking: z.looseObject({ tauBefore: num.nullable(), tauAfter: num.nullable(), before: z.array(z.unknown()), after: z.array(z.unknown()) }),
  stages: z.array(z.unknown()),
  spaceLog10: z.array(num),
  evaluations: num,
  // Records before the space file and the final front lack these two.
  front: z.array(z.looseObject({ genotype, oneShotAccuracy: num, cost: num })).optional(),
  space: z
    .looseObject({
      kind: z.enum(['hand', 'given']),
      family: z.string().nullable(),
      slots: z.array(z.array(z.string())),
      from: z.looseObject({ file: z.string().nullable(), createdBy: z.looseObject({ method: z.string(), seed: num, preset: z.string(), date: z.string() }) }).nullable(),
    })
    .optional(),
});

export type PadNasResultFields = z.infer<typeof fieldsSchema>;

/** PAD-NAS's fields of `record`, or why they cannot be read. */
export function readPadNasFields(record: ResultRecord): { ok: true; fields: PadNasResultFields } | { ok: false; error: string } {
  const r = fieldsSchema.safeParse(record);
  if (r.success) return { ok: true, fields: r.data };
  const i = r.error.issues[0];
  return { ok: false, error: `${i.path.join('.') || 'record'}: ${i.message}` };
}

/** a ÷ b as "0.84×", or "–". */
export function ratioText(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–';
}
