/**
 * Command-line flags: node:util's parseArgs does the tokenising (`--name value`, `--name=value`, bare booleans);
 * this file declares flags, checks every value against its range and turns parseArgs's errors into messages that
 * name the flag and what it accepts. Method flags are generated from the method's settings fields (one truth per
 * setting: core/settings/fields.ts). main.ts turns a UsageError into exit code 2.
 */
import { parseArgs } from 'node:util';
import { describeField, parseStrict, toWord, type Field } from '../core/settings/fields';

export type FlagValue = string | number | boolean | unknown[];

/** Declaration of one `--name value` flag. With `field`, the value is parsed by the setting's own rules. */
export type FlagSpec = {
  name: string;
  help: string;
  /** The setting this flag sets (method and Train flags); its parsed value is the config value. */
  field?: Field;
  /** With `field`: the config value used when the flag is absent. */
  fieldDefault?: unknown;
} & (
  | { type: 'int' | 'number'; default?: number; min: number; max: number; minExclusive?: boolean }
  | { type: 'enum'; default?: string; choices: readonly string[] }
  | { type: 'string'; default?: string }
  | { type: 'boolean'; default?: boolean }
);

/** Bad command line: unknown command or flag, missing or out-of-range value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** First argument = command, the rest = its flags. */
export function splitCommand(argv: readonly string[]): { command: string | undefined; rest: string[] } {
  return { command: argv[0], rest: argv.slice(1) };
}

/**
 * The flag of a setting field. Without `preset` it has no default (the method's chosen preset fills it in); with
 * one, the preset's value is the flag's default, parsed like a given value.
 */
export function fieldFlag(f: Field, preset?: Record<string, unknown>): FlagSpec {
  const help = `${f.label}: ${f.hint.split(/(?<=\.)\s/)[0].replace(/\.$/, '')}`;
  const base = { name: f.cli, help, field: f, fieldDefault: preset?.[f.key] };
  if (f.kind === 'number') return { ...base, type: f.integer ? 'int' : 'number', min: f.min, max: f.max, minExclusive: f.minExclusive };
  if (f.kind === 'choice') return { ...base, type: 'enum', choices: f.values };
  return { ...base, type: 'boolean' };
}

/** Human-readable accepted values of a flag, e.g. "an integer in [1, 1000]". */
export function describeRange(spec: FlagSpec): string {
  if (spec.field) return spec.field.kind === 'boolean' ? 'true or false (or no value for true)' : describeField(spec.field);
  switch (spec.type) {
    case 'int':
      return `an integer in [${spec.min}, ${spec.max}]`;
    case 'number':
      return `a number in ${spec.minExclusive ? '(' : '['}${spec.min}, ${spec.max}]`;
    case 'enum':
      return `one of ${spec.choices.join(', ')}`;
    case 'boolean':
      return 'true or false (or no value for true)';
    case 'string':
      return 'a string';
  }
}

function parseValue(spec: FlagSpec, raw: string): FlagValue {
  const bad = (): never => {
    throw new UsageError(`--${spec.name} must be ${describeRange(spec)}, got '${raw.length > 40 ? `${raw.slice(0, 37)}…` : raw}'`);
  };
  if (spec.field) {
    const r = parseStrict(spec.field, raw);
    if ('error' in r) throw new UsageError(`--${spec.name} ${r.error}`);
    return r.value as FlagValue;
  }
  switch (spec.type) {
    case 'int':
    case 'number': {
      // Number('') is 0 and Number(' 3') is 3: require a plain numeric literal.
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) bad();
      const v = Number(raw);
      if (!Number.isFinite(v)) bad();
      if (spec.type === 'int' && !Number.isInteger(v)) bad();
      if (v > spec.max || v < spec.min || (spec.minExclusive && v === spec.min)) bad();
      return v;
    }
    case 'enum':
      if (!spec.choices.includes(raw)) bad();
      return raw;
    case 'boolean':
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return bad();
    case 'string':
      if (raw === '') bad();
      return raw;
  }
}

const isBoolean = (s: FlagSpec | undefined): boolean => s !== undefined && s.type === 'boolean';

/**
 * A bare boolean flag means true: give it that value so parseArgs can treat every flag as taking one. A negative
 * number after a flag (`--lr -0.5`) is that flag's value, not an option: join it as `--lr=-0.5`.
 */
function normaliseArgv(argv: readonly string[], byName: ReadonlyMap<string, FlagSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const spec = a.startsWith('--') && !a.includes('=') ? byName.get(a.slice(2)) : undefined;
    if (spec && !isBoolean(spec) && /^-[\d.]/.test(argv[i + 1] ?? '')) {
      out.push(`${a}=${argv[++i]}`);
      continue;
    }
    out.push(a);
    if (!isBoolean(spec)) continue;
    const next = argv[i + 1];
    // A setting's own words are values too (`--target-mode target`, `--proximal off`).
    const words: readonly string[] = spec?.field?.kind === 'boolean' ? (spec.field.words ?? ['off', 'on']) : [];
    if (next === 'true' || next === 'false' || next === '1' || next === '0' || (next !== undefined && words.includes(next))) out.push(argv[++i]);
    else out.push('true');
  }
  return out;
}

function knownFlags(specs: readonly FlagSpec[]): string {
  return specs.map((s) => `--${s.name}`).join(', ');
}

/**
 * Parse `argv` against `specs`. Returns every declared flag that has a value or a default (field flags: the config
 * value). Throws UsageError naming the flag on anything else.
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], command = ''): Record<string, FlagValue> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const where = command ? ` for '${command}'` : '';
  let parsed: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' }>; tokens: true; strict: true; allowPositionals: false }>>;
  try {
    parsed = parseArgs({
      args: normaliseArgv(argv, byName),
      options: Object.fromEntries(specs.map((s) => [s.name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const msg = e instanceof Error ? e.message : String(e);
    const name = /'--?([^' <]+)/.exec(msg)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown flag --${name}${where}; known flags: ${knownFlags(specs)}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const arg = /'([^']*)'/.exec(msg)?.[1] ?? '';
      throw new UsageError(`unexpected argument '${arg}'${where}: flags look like --name value`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const spec = byName.get(name);
      throw new UsageError(`--${name} needs a value${spec ? `: ${describeRange(spec)}` : ''}`);
    }
    throw new UsageError(msg);
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given twice`);
    seen.add(t.name);
  }
  const out: Record<string, FlagValue> = {};
  for (const [name, raw] of Object.entries(parsed.values)) {
    const spec = byName.get(name);
    if (spec && typeof raw === 'string') out[name] = parseValue(spec, raw);
  }
  for (const s of specs) {
    if (s.name in out) continue;
    if (s.field && s.fieldDefault !== undefined) out[s.name] = s.fieldDefault as FlagValue;
    else if (s.default !== undefined) out[s.name] = s.default;
  }
  return out;
}

/** Help text: one line per flag with its accepted values and default. */
export function formatFlagHelp(specs: readonly FlagSpec[]): string {
  return specs
    .map((s) => {
      const d = s.field && s.fieldDefault !== undefined ? toWord(s.field, s.fieldDefault) : s.default;
      const def = d !== undefined ? ` (default ${String(d)})` : '';
      return `  --${s.name.padEnd(18)} ${s.help}; ${describeRange(s)}${def}`;
    })
    .join('\n');
}
