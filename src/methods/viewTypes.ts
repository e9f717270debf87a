/**
 * What a method's view part (methods/<id>/view/index.ts) exports as `view`. The generic method screen draws the
 * settings form (generated from the settings group), the run controls, the progress and the result card; the view
 * adds the method's own live charts, readouts and result details.
 */
import type { ComponentType } from 'react';
import type { ResultRecord } from '../core/method/resultRecord';
import type { MethodRunStore } from '../state/methodRuns';

export interface MethodViewProps {
  /** The method's run store (state, progress, what the worker built, the last record). */
  run: MethodRunStore;
  /** The settings form's current config (what the next Start would use): for texts shown before a run has started. */
  config: Record<string, unknown>;
}

export interface MethodView<Snap = unknown> {
  /** Live charts and readouts of the current run (drawn from snapshots, not React state). */
  Live: ComponentType<MethodViewProps>;
  /** Method-specific parts of a finished result (below the common record card); optional. */
  Result?: ComponentType<{ record: ResultRecord }>;
  /** Shown under the generated settings form (warnings, previews); optional. */
  SettingsExtra?: ComponentType<{ config: Record<string, unknown> }>;
  /** Every snapshot of this method's current run, in order; null when a new run starts (clear the live data). */
  onSnapshot(snap: Snap | null): void;
  /** "?" texts of the settings, by config key (falls back to the field's own hint). */
  hints?: Record<string, string>;
}
