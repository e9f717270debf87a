/**
 * A NAS method's pure descriptor (methods/<id>/index.ts exports one): identity, one settings group (fields and
 * presets: the URL keys, the form and the CLI flags are generated from it), and lazy loaders of its two other parts:
 * the tfjs run (worker and CLI only) and the React view (app only). Importing a descriptor pulls in neither.
 */
import type { Lesson } from '../core/method/lesson';
import type { Sketch } from '../core/method/sketch';
import type { SettingsGroup } from '../core/settings/group';
import type { RunModule } from './runTypes';
import type { MethodView } from './viewTypes';

/** Whether a run uses the device latency profile chosen as the search target. */
export type ProfileUse = 'required' | 'optional' | 'unused';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds descriptors of many config types
export interface MethodDescriptor<C extends object = any, Snap = any> {
  /** URL value, CLI `--method`, record `method` (lower case, no spaces). */
  id: string;
  /** Full name ("AtomNAS (fine-grained, dynamic shrinkage)"). */
  label: string;
  /** Tab title. */
  tab: string;
  /** One line under the tab bar and in the help dialog. */
  summary: string;
  /** Where the playground differs from the paper (README and the screen's "?"). */
  differences: string;
  settings: SettingsGroup<C>;
  /** 'required': the run refuses to start without a profile (and says why); 'optional': labels predicted latency. */
  profile(config: C): ProfileUse;
  /**
   * The method can run in a saved search space (core/space/spaceFile): `search --method <id> --space FILE` reads the
   * file against the config's skeleton (its `width` and `tiny`) and sets the config's `space` (op names per slot) and
   * `spaceFrom` (the file and its maker). Absent: no `--space` flag.
   */
  acceptsSpace?: true;
  /**
   * The method's run checkpoints and restores (MethodRun.checkpoint/restore: issue 16 §1), so an interrupted search can
   * resume. Absent: the app and the CLI say the method cannot resume yet. (cli/methodsResumable.test.ts checks the two agree.)
   */
  resumable?: true;
  /**
   * The key moments a snapshot brings, in plain words (AtomNAS shrink events, PAD-NAS pruning rounds, accepted
   * candidates…), given the previous snapshot of the same run (null for the first). Pure. Used by "step to the next
   * event" in live runs, the event jumps of recorded runs and the lessons. An empty list: nothing to stop at.
   */
  events(snap: Snap, prev: Snap | null): string[];
  /** A guided lesson through the method's shipped recording (core/method/lesson; methods/<id>/lesson.ts). */
  lesson?: Lesson<Snap>;
  /** The landing card's small picture of the method's live view (core/method/sketch; methods/<id>/sketch.ts). Absent: the generic supernet picture. */
  sketch?: () => Sketch;
  loadRun(): Promise<RunModule<C, Snap>>;
  loadView(): Promise<{ view: MethodView<Snap> }>;
}
