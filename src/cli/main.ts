/**
 * Node CLI: `npm run cli -- <command> [--flag value …]`. Exit codes: 0 success, 1 failure while running (e.g. a data
 * file is bad), 2 bad command line, 3 the training diverged (engine/divergence.ts: what happened and what to try).
 */
import { pathToFileURL } from 'node:url';
import { formatFlagHelp, parseFlags, splitCommand, UsageError } from './args';
import { getCommand, listCommands, registerCommand, type CliIo } from './commands';
import { searchCommand } from './search';
import { trainCommand } from './train';

registerCommand(trainCommand);
registerCommand(searchCommand);
// Method modules register further commands here (e.g. `search`).

function usage(): string {
  const cmds = listCommands();
  return [
    'usage: npm run cli -- <command> [--flag value …]',
    '',
    ...cmds.flatMap((c) => [`${c.name}: ${c.summary}`, formatFlagHelp(c.flags), '']),
  ].join('\n');
}

/** Parse `argv` (without node and script), run the command, return the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const { command, rest } = splitCommand(argv);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.log(usage());
    return command === undefined ? 2 : 0;
  }
  const cmd = getCommand(command);
  try {
    if (!cmd) throw new UsageError(`unknown command '${command}'; commands: ${listCommands().map((c) => c.name).join(', ')}`);
    if (rest.includes('--help')) {
      const specs = cmd.flagsFor ? cmd.flagsFor(rest.filter((a) => a !== '--help')) : cmd.flags;
      io.log(`${cmd.name}: ${cmd.summary}\n${formatFlagHelp(specs)}`);
      return 0;
    }
    const flags = parseFlags(rest, cmd.flagsFor ? cmd.flagsFor(rest) : cmd.flags, cmd.name);
    return await cmd.run(flags, io, [command, ...rest]);
  } catch (e) {
    if (e instanceof UsageError) {
      io.error(`error: ${e.message}\n(run 'npm run cli -- ${cmd ? `${cmd.name} ` : ''}--help' for the flags)`);
      return 2;
    }
    if (e instanceof Error && e.name === 'DivergenceError') {
      // Stopped before anything was written: an --out file from an earlier run is left as it was.
      io.error(`error: ${e.message}\nThe run was stopped (exit code 3); no result file was written.`);
      return 3;
    }
    io.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  main(process.argv.slice(2), { log: (l) => console.log(l), error: (l) => console.error(l) }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
