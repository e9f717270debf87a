/**
 * The landing page (`/` with no settings): what NAS is in two sentences, what to expect on this device, and one card
 * per registered method (generated from the registry, so a new method appears here by itself) with its one-line
 * idea, a picture of its live view and two ways in: its recorded run (the method screen opened on the recording that
 * ships with the playground, `rec=1` in the link) and a run on this device with the method's first-look preset.
 */
import { useId } from 'react';
import { defaultPresetName, presetConfig } from '../../core/settings/group';
import type { MethodDescriptor } from '../../methods/descriptor';
import { METHODS } from '../../methods/registry';
import { methodRunStore } from '../../state/methodRuns';
import { startLesson } from '../../state/lesson';
import { closeReplay } from '../../state/replay';
import { useStore } from '../../state/store';
import { deviceExpectation } from './expectation';
import { SKETCH_H, SKETCH_W, sketchOf, type Shape, type Tone } from '../../core/method/sketch';
import './landing.css';

const TONE: Record<Tone, string> = {
  accent: 'var(--accent)',
  ok: 'var(--ok)',
  warn: 'var(--warn)',
  muted: 'var(--text-muted)',
  grid: 'var(--border)',
};

/** The preset a first look uses: `first-look` (its key moment within minutes), else `tiny`, else its default. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any method's settings group
export function firstLookPreset(m: MethodDescriptor<any>): string {
  if ('first-look' in m.settings.presets) return 'first-look';
  return 'tiny' in m.settings.presets ? 'tiny' : defaultPresetName(m.settings);
}

/** Open the method's screen with its first-look preset (its settings stay as they are while its own run is active). */
function runHere(m: MethodDescriptor): void {
  const st = useStore.getState();
  const state = methodRunStore(m.id).getState().state;
  const active = state === 'running' || state === 'paused' || state === 'diverged';
  if (!active) st.setConfig(m.id, presetConfig(m.settings, firstLookPreset(m)) as Record<string, unknown>);
  closeReplay(m.id);
  st.setSettings({ screen: m.id, replay: false });
}

/** Open the method's screen on its shipped recording (the screen says why when it cannot: a missing file, its own run active). */
function watchRecorded(m: MethodDescriptor): void {
  useStore.getState().setSettings({ screen: m.id, replay: true });
}

function ShapeEl({ s }: { s: Shape }) {
  const c = TONE[s.tone];
  switch (s.kind) {
    case 'rect':
      return <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={2} fill={s.fill ? c : 'none'} stroke={s.fill ? 'none' : c} strokeWidth={1.5} />;
    case 'circle':
      return <circle cx={s.cx} cy={s.cy} r={s.r} fill={s.fill ? c : 'none'} stroke={s.fill ? 'none' : c} strokeWidth={1.5} />;
    case 'line':
      return <line x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} stroke={c} strokeWidth={1.2} strokeDasharray={s.dashed ? '3 3' : undefined} />;
  }
}

function MethodCard({ m }: { m: MethodDescriptor }) {
  const id = useId();
  const sketch = sketchOf(m);
  return (
    <li className="landing-card panel" data-testid={`landing-card-${m.id}`}>
      <h3 id={`${id}-title`}>{m.tab}</h3>
      <svg className="landing-sketch" viewBox={`0 0 ${SKETCH_W} ${SKETCH_H}`} role="img" aria-label={sketch.alt}>
        {sketch.shapes.map((s, i) => (
          <ShapeEl key={i} s={s} />
        ))}
      </svg>
      <p className="landing-idea">{m.summary}</p>
      <p className="muted small">{m.label}</p>
      <div className="button-row landing-actions">
        <button type="button" className="button" aria-describedby={`${id}-title`} onClick={() => watchRecorded(m)}>
          Watch a recorded run
        </button>
        {m.lesson && (
          <button type="button" className="button" aria-describedby={`${id}-title`} title={`${m.lesson.steps.length} steps through the recorded run`} onClick={() => startLesson(m)}>
            Take the lesson
          </button>
        )}
        <button type="button" className="button primary" aria-describedby={`${id}-title`} onClick={() => runHere(m)}>
          Run it on this device
        </button>
      </div>
    </li>
  );
}

function DeviceCard() {
  const status = useStore((s) => s.backendStatus);
  const backend = useStore((s) => s.backend);
  const error = useStore((s) => s.backendError);
  const e = deviceExpectation(status, backend, error);
  return (
    <section className={`panel landing-device device-${e.level}`} aria-labelledby="landing-device-title" data-testid="landing-device">
      <h2 id="landing-device-title">This device</h2>
      <p className="landing-device-what" data-testid="landing-device-what">
        {e.what}
      </p>
      <p className="small">{e.expect}</p>
    </section>
  );
}

export function LandingScreen() {
  return (
    <div className="landing">
      <section className="landing-intro" aria-labelledby="landing-title">
        <h2 id="landing-title">Neural architecture search, live in your browser</h2>
        <p>
          Neural architecture search (NAS) lets an algorithm design the network: it tries many architectures, or trains
          one big “supernet” that contains them all, and keeps what is accurate and cheap to run. Here each method runs on
          your own device, and you watch it decide.
        </p>
      </section>
      <DeviceCard />
      <section aria-labelledby="landing-methods-title">
        <h2 id="landing-methods-title">Methods</h2>
        <ul className="landing-cards">
          {METHODS.map((m) => (
            <MethodCard key={m.id} m={m} />
          ))}
        </ul>
      </section>
    </div>
  );
}
