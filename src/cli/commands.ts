/**
 * The CLI's command registry. `train` registers itself from main.ts; method modules add theirs (e.g. `search`) the
 * same way, without touching the dispatcher.
 */
import type { FlagSpec, FlagValue } from './args';

/** Where a command writes (injected so commands can be tested without a terminal). */
export interface CliIo {
  log(line: string): void;
  error(line: string): void;
}

/** One CLI command. */
export interface CliCommand {
  name: string;
  summary: string;
  flags: readonly FlagSpec[];
  /** Flags that depend on the arguments (e.g. `search --method X` has X's settings); replaces `flags` when set. */
  flagsFor?(argv: readonly string[]): readonly FlagSpec[];
  /** Runs with parsed flags; resolves to the process exit code (0 = success). */
  run(flags: Record<string, FlagValue>, io: CliIo, argv: readonly string[]): Promise<number>;
}

const registry = new Map<string, CliCommand>();

/** Add a command (throws when the name is taken). */
export function registerCommand(cmd: CliCommand): void {
  if (registry.has(cmd.name)) throw new Error(`CLI command '${cmd.name}' is registered twice`);
  registry.set(cmd.name, cmd);
}

/** The command named `name`, if registered. */
export function getCommand(name: string): CliCommand | undefined {
  return registry.get(name);
}

/** Every registered command, in registration order. */
export function listCommands(): CliCommand[] {
  return [...registry.values()];
}

/** The command as the user typed it (the record's card), shell-quoted where needed. */
export function cliCommandLine(argv: readonly string[]): string {
  const q = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  return ['npm run cli --', ...argv.map(q)].join(' ');
}
