/**
 * What a link of this build can hold: the Train screen, the Latency screen, one screen per registered method, Compare,
 * and the landing page. A link without `screen=` shows Train (as every link made before the landing page did); a bare
 * `/` (no hash at all) shows the landing page. A method screen can open on its recorded run (`rec=1`).
 */
import { TRAIN_GROUP } from '../core/trainSettings';
import type { UrlModel } from '../core/urlState';
import { METHODS } from '../methods/registry';

export const URL_MODEL: UrlModel = {
  screens: ['train', 'profiler', ...METHODS.map((m) => m.id), 'compare', 'landing'],
  home: 'landing',
  // The tabs say Home and Latency: a hand-typed `screen=home` or `screen=latency` finds them.
  aliases: { home: 'landing', latency: 'profiler' },
  groups: [TRAIN_GROUP, ...METHODS.map((m) => m.settings)],
  replayScreens: METHODS.map((m) => m.id),
  lessons: Object.fromEntries(METHODS.flatMap((m) => (m.lesson ? [[m.id, m.lesson.steps.length]] : []))),
};
