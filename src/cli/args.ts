/**
 * Command-line flag parsing (pure: no I/O, no process access), shared by every CLI command.
 * Errors are UsageErrors whose message names the flag and what it accepts; main.ts turns them into exit code 2.
 */

export type FlagValue = string | number | boolean;

/** Declaration of one `--name value` flag. */
export type FlagSpec = {
  name: string;
  help: string;
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

/** Human-readable accepted values of a flag, e.g. "an integer in [1, 1000]". */
export function describeRange(spec: FlagSpec): string {
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
    throw new UsageError(`--${spec.name} must be ${describeRange(spec)}, got '${raw}'`);
  };
  switch (spec.type) {
    case 'int':
    case 'number': {
      // Number('') is 0 and Number(' 3') is 3: require a plain numeric literal.
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim()) || raw.trim() !== raw) bad();
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

/**
 * Parse `--name value`, `--name=value` and bare boolean `--name` flags against `specs`.
 * Returns every declared flag that has a value or a default. Throws UsageError on anything else.
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], command = ''): Record<string, FlagValue> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: Record<string, FlagValue> = {};
  const where = command ? ` for '${command}'` : '';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(`unexpected argument '${arg}'${where}: flags look like --name value`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const spec = byName.get(name);
    if (!spec) {
      throw new UsageError(`unknown flag --${name}${where}; known flags: ${specs.map((s) => `--${s.name}`).join(', ')}`);
    }
    if (name in out) throw new UsageError(`--${name} is given twice`);
    let raw: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (raw === undefined) {
      const next = argv[i + 1];
      const nextIsValue = next !== undefined && !(next.startsWith('--') && next.length > 2);
      if (spec.type === 'boolean') {
        // A bare boolean flag means true; an explicit true/false may follow.
        if (next === 'true' || next === 'false') raw = argv[++i];
        else raw = 'true';
      } else if (nextIsValue) {
        raw = argv[++i];
      } else {
        throw new UsageError(`--${name} needs a value: ${describeRange(spec)}`);
      }
    }
    out[name] = parseValue(spec, raw);
  }
  for (const s of specs) if (!(s.name in out) && s.default !== undefined) out[s.name] = s.default;
  return out;
}

/** Help text: one line per flag with its accepted values and default. */
export function formatFlagHelp(specs: readonly FlagSpec[]): string {
  return specs
    .map((s) => {
      const def = s.default !== undefined ? ` (default ${String(s.default)})` : '';
      return `  --${s.name.padEnd(18)} ${s.help}; ${describeRange(s)}${def}`;
    })
    .join('\n');
}
