/**
 * `search --method <id> [--preset P] [method flags…] [--profile F] [--space S] [--out r.json]`: any registered NAS method on the
 * CPU backend. The method's flags (ranges, defaults, help) are generated from its settings fields; a flag the method
 * does not have is refused with exit code 2 and the list of its flags. The JSON written is the common ResultRecord.
 */
import { readFile } from 'node:fs/promises';
import { buildRecord, predictedLabel } from '../core/method/buildRecord';
import { runCard } from '../core/method/card';
import type { ResultRecord } from '../core/method/resultRecord';
import { parseProfileText, type LatencyProfile } from '../core/latency/profileSchema';
import { presetConfig, validateConfig } from '../core/settings/group';
import { parseSpaceFile } from '../core/space/spaceFile';
import type { MethodDescriptor } from '../methods/descriptor';
import type { WorkProgress } from '../methods/runTypes';
import { loadHostedMethod } from '../methods/hosted';
import { getMethod, METHODS } from '../methods/registry';
import { fieldFlag, UsageError, type FlagSpec, type FlagValue } from './args';
import { cliCommandLine, type CliCommand, type CliIo } from './commands';
import { cliHost, DATA_FLAGS, loadCliData } from './data';
import { checkExportDir, EXPORT_FLAG, writeExportDir } from './exportDir';
import { checkWritable, writeJson } from './output';
import { SearchCheckpoints, SEARCH_CHECKPOINT_FLAGS } from './searchCheckpoint';
import { ProgressTicker } from './progress';
import { cliMade, RECORD_FLAGS, writeRecording } from './recordFile';
import { defaultRecordEvery, RecordingBuilder } from '../core/method/recorder';
import { setupCpuBackend } from './train';

/** The value of `--name` in argv before full parsing (null when absent). */
export function argValue(argv: readonly string[], name: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1] ?? '';
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return null;
}

function methodIds(): string[] {
  return METHODS.map((m) => m.id);
}

/** Flags every method has, before its own. */
function commonFlags(m: MethodDescriptor): FlagSpec[] {
  const presets = Object.keys(m.settings.presets);
  return [
    { name: 'method', type: 'enum', choices: methodIds(), help: 'NAS method' },
    { name: 'preset', type: 'enum', choices: presets, default: presets[0], help: 'starting configuration; every other flag overrides one of its settings' },
    { name: 'profile', type: 'string', help: `device latency profile JSON exported from the Latency screen (${m.profile(presetConfig(m.settings)) === 'required' ? 'required by these settings' : 'labels predicted latency'})` },
    ...DATA_FLAGS,
    ...(m.acceptsSpace
      ? [{ name: 'space', type: 'string', help: 'search this saved search space (a space file, e.g. a learned one) instead of the hand-designed space' } satisfies FlagSpec]
      : []),
    { name: 'out', type: 'string', help: 'write the result record (JSON) here' },
    EXPORT_FLAG,
    ...SEARCH_CHECKPOINT_FLAGS,
    ...RECORD_FLAGS,
  ];
}

/** The method `argv` selects, or a UsageError listing the methods. */
export function selectMethod(argv: readonly string[]): MethodDescriptor {
  const id = argValue(argv, 'method');
  if (id === null) throw new UsageError(`search needs --method: one of ${methodIds().join(', ')}`);
  const m = getMethod(id);
  if (!m) throw new UsageError(`--method must be one of ${methodIds().join(', ')}, got '${id}'`);
  return m;
}

/** Every flag of `search --method <id>`; setting flags default to the chosen preset's values. */
export function searchFlags(m: MethodDescriptor, preset: string | null = null): FlagSpec[] {
  const base = presetConfig(m.settings, preset !== null && preset in m.settings.presets ? preset : undefined) as Record<string, unknown>;
  return [...commonFlags(m), ...m.settings.fields.map((f) => fieldFlag(f, base))];
}

/** The method's config: the preset, then every setting flag given (pure). Cross-field problems are usage errors. */
export function configFromFlags(m: MethodDescriptor, f: Record<string, FlagValue>): Record<string, unknown> {
  const c = presetConfig(m.settings, f.preset as string) as Record<string, unknown>;
  for (const field of m.settings.fields) if (f[field.cli] !== undefined) c[field.key] = f[field.cli];
  try {
    return validateConfig(m.settings, c) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** The `--profile` file (null without the flag); the error names the file and the problem. */
export async function loadProfileFlag(path: string | undefined): Promise<LatencyProfile | null> {
  if (path === undefined) return null;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`--profile ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))})`);
  }
  try {
    return parseProfileText(text);
  } catch (e) {
    throw new Error(`--profile ${path} is not a usable latency profile: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The config with the `--space` file's space (for a method whose descriptor accepts one): the file is read against the
 * config's skeleton (`width`, `tiny`), so a malformed file, a newer version or one made for another skeleton is a usage
 * error naming the file and the problem, before anything is trained.
 */
export async function applySpaceFlag(m: MethodDescriptor, config: Record<string, unknown>, path: string | undefined): Promise<Record<string, unknown>> {
  if (path === undefined) return config;
  if (!m.acceptsSpace) throw new UsageError(`--space: ${m.id} cannot run in a saved search space`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--space ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))})`);
  }
  let file;
  try {
    file = parseSpaceFile(text, path, { width: Number(config.width), tiny: Boolean(config.tiny) });
  } catch (e) {
    throw new UsageError(`--space ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return validateConfig(m.settings, { ...config, space: file.slots, spaceFrom: { file: path, createdBy: file.createdBy } }) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`--space ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Where attachment `name` of the record written to `out` goes: `r.json` → `r.space.json`. */
export function attachmentPath(out: string, name: string): string {
  return `${out.replace(/\.json$/i, '')}.${name}.json`;
}

/** Run a method to the end; returns its record and the documents to keep beside it (MethodOutcome.attachments). */
export async function runSearch(m: MethodDescriptor, f: Record<string, FlagValue>, io: CliIo, commandLine: string): Promise<{ record: ResultRecord; attachments: Record<string, unknown> }> {
  const t0 = performance.now();
  const config = await applySpaceFlag(m, configFromFlags(m, f), f.space as string | undefined);
  const profile = await loadProfileFlag(f.profile as string | undefined);
  if (m.profile(config) === 'required' && !profile) {
    throw new UsageError(`${m.id} with these settings needs --profile path/to/profile.json (a latency profile exported from the Latency screen)`);
  }
  const backend = await setupCpuBackend();
  const data = await loadCliData(f);
  const mod = await m.loadRun();
  const run = mod.createRun({ data: { dataset: data.dataset, split: data.split }, profile, log: (l) => io.log(l), loadMethod: loadHostedMethod }, config);
  try {
    const ck = await SearchCheckpoints.open(m.id, config, f, run, data.dataset, io, t0);
    const started = run.start();
    io.log(`search ${m.id} (${String(f.preset)}, seed ${String(config.seed)}) on tfjs ${backend.backend}: ${started.summary}`);
    const ticker = new ProgressTicker(started.totalSteps);
    const recPath = f.record as string | undefined;
    const every = (f['record-every'] as number | undefined) ?? defaultRecordEvery(started.totalSteps);
    const rec = recPath
      ? new RecordingBuilder({ method: m.id, preset: String(f.preset), config, started, made: cliMade(backend, commandLine, new Date()) }, performance.now())
      : null;
    let done = await ck.restore(run, started.totalSteps);
    if (done > 0) ticker.resumedAt(done);
    let epoch = 0;
    let recorded = -1;
    while (done < started.totalSteps) {
      let work: WorkProgress | undefined;
      ({ done, epoch, work } = await run.step());
      await ck.afterStep(run, done, epoch);
      const line = ticker.tick(done, '', work);
      if (line) io.log(line);
      if (!rec) run.snapshot(); // drain the live buffers (the CLI reads the outcome)
      else if (done !== recorded && (done % every === 0 || done >= started.totalSteps)) {
        recorded = done; // a step that ends part of a long unit reports the same `done`: one frame per unit
        rec.add(done, epoch, run.snapshot(), performance.now());
      }
    }
    await run.finish();
    rec?.add(done, epoch, run.snapshot(), performance.now()); // the final evaluation, as the worker posts it
    const outcome = run.outcome();
    const record = buildRecord({
      runId: `cli-${m.id}-${Date.now().toString(36)}`,
      method: m.id,
      label: m.label,
      card: runCard(cliHost(backend, data), config, { trainImages: outcome.trainImages, wallSeconds: ck.wallSeconds(), command: commandLine }),
      archSpec: outcome.archSpec,
      valAccuracy: outcome.valAccuracy,
      testAccuracy: outcome.testAccuracy,
      history: outcome.history,
      extras: outcome.extras,
      profile,
    });
    const pct = (v: number | null) => (v === null ? 'n/a' : `${(100 * v).toFixed(2)}%`);
    io.log(`found ${(record.macs / 1e6).toFixed(3)} M MACs, ${record.params} params; val ${pct(record.valAccuracy)}, test ${pct(record.testAccuracy)}`);
    if (record.latency) io.log(`latency ${record.latency.ms.toFixed(3)} ms, ${predictedLabel(record.latency.profileName)}`);
    if (rec && recPath) {
      const bytes = await writeRecording(recPath, rec.build(record));
      io.log(`wrote ${recPath} (${rec.size} frames, ${(bytes / 1e6).toFixed(2)} MB)`);
    }
    const exportDir = f.export as string | undefined;
    if (exportDir) {
      const net = run.releaseNetwork();
      try {
        await writeExportDir(exportDir, net, record, io);
      } finally {
        net.dispose();
      }
    }
    return { record, attachments: outcome.attachments ?? {} };
  } finally {
    run.dispose();
  }
}

/** The `search` command. */
export const searchCommand: CliCommand = {
  name: 'search',
  summary: `run a NAS method (--method ${methodIds().join('|') || '…'}) on the built-in MNIST (CPU); writes the result record`,
  flags: [],
  flagsFor: (argv) => searchFlags(selectMethod(argv), argValue(argv, 'preset')),
  async run(flags, io, argv) {
    const m = selectMethod(['--method', String(flags.method)]);
    const commandLine = cliCommandLine(argv);
    const out = flags.out as string | undefined;
    if (out) await checkWritable('out', out);
    if (flags.export) await checkExportDir(String(flags.export));
    if (flags.record) await checkWritable('record', String(flags.record));
    if (flags.checkpoint) await checkWritable('checkpoint', String(flags.checkpoint));
    const { record, attachments } = await runSearch(m, flags, io, commandLine);
    if (out) {
      await writeJson(out, record);
      io.log(`wrote ${out}`);
      for (const [name, doc] of Object.entries(attachments)) {
        const path = attachmentPath(out, name);
        await writeJson(path, doc);
        io.log(`wrote ${path}`);
      }
    }
    return 0;
  },
};
