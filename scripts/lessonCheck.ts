/**
 * Check a recording against its method's lesson: for each step, the frame its moment lands on (or that it fell back),
 * the target, and the `fact` the answer would show there. For authors of lessons and of shipped recordings.
 * Usage: npx tsx scripts/lessonCheck.ts FILE.json[.gz]
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { momentFrame } from '../src/core/method/lesson';
import { parseRecording } from '../src/core/method/recording';
import { getMethod } from '../src/methods/registry';
import { recordingEvents } from '../src/state/replay';
import { momentWords } from '../src/state/lesson';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx scripts/lessonCheck.ts FILE.json[.gz]');
const bytes = readFileSync(file);
const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
const rec = parseRecording(text, file);
const m = getMethod(rec.method);
if (!m?.lesson) throw new Error(`no lesson for method ${rec.method}`);
const events = recordingEvents(m, rec);
console.log(`${file}: ${rec.method}, preset ${rec.preset ?? '?'} (the lesson expects ${m.lesson.preset}), ${rec.frames.length} frames, ${events.length} key moments`);
for (const e of events.slice(0, 12)) console.log(`  frame ${e.frame}: ${e.text}`);
if (events.length > 12) console.log(`  … ${events.length - 12} more`);
m.lesson.steps.forEach((s, i) => {
  const { frame, missing } = momentFrame(s.moment, rec.frames.length, events);
  const fact = s.fact?.(rec.frames.slice(0, frame + 1).map((f) => f.snap)) ?? null;
  console.log(`${i + 1}. ${s.title} [${s.target}] at ${momentWords(s.moment)} → frame ${frame}${missing ? ' (MISSING: fell back)' : ''}${fact ? `\n   ${fact}` : ''}`);
});
