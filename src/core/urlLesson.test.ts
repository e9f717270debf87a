/** The lesson and teacher keys of a link (`lesson=1&step=K`, `teacher=1`): strict parsing, notices, round trips. */
import { describe, expect, it } from 'vitest';
import { TRAIN_GROUP } from './trainSettings';
import { defaultSettings, parseHash, toHash, type UrlModel } from './urlState';

const MODEL: UrlModel = { screens: ['train', 'demo', 'landing'], home: 'landing', groups: [TRAIN_GROUP], lessons: { demo: 6 } };

describe('lesson and teacher keys', () => {
  it('lesson=1&step=K opens a lesson at step K and is written back the same', () => {
    const r = parseHash('#v=2&screen=demo&lesson=1&step=3', MODEL);
    expect(r).toEqual({ settings: { ...defaultSettings(MODEL), screen: 'demo', lesson: 3 }, notices: [] });
    expect(toHash(r.settings, MODEL)).toBe('v=2&screen=demo&lesson=1&step=3');
    // Without step= the lesson starts at step 1, and says so in the link it writes.
    const first = parseHash('#v=2&screen=demo&lesson=1', MODEL);
    expect(first.settings.lesson).toBe(1);
    expect(toHash(first.settings, MODEL)).toBe('v=2&screen=demo&lesson=1&step=1');
    for (const k of [1, 2, 6]) expect(parseHash(toHash({ ...r.settings, lesson: k }, MODEL), MODEL).settings).toEqual({ ...r.settings, lesson: k });
  });

  it('teacher=1 holds on every screen, also the home screen (whose link is otherwise empty)', () => {
    const home = parseHash('#v=2&screen=landing&teacher=1', MODEL);
    expect(home).toEqual({ settings: { ...defaultSettings(MODEL), screen: 'landing', teacher: true }, notices: [] });
    expect(toHash(home.settings, MODEL)).toBe('v=2&screen=landing&teacher=1');
    expect(toHash({ ...home.settings, teacher: false }, MODEL)).toBe('');
    const both = parseHash('#v=2&screen=demo&lesson=1&step=2&teacher=1', MODEL).settings;
    expect(toHash(both, MODEL)).toBe('v=2&screen=demo&lesson=1&step=2&teacher=1');
    expect(parseHash('#v=2&teacher=0', MODEL)).toEqual({ settings: defaultSettings(MODEL), notices: [] });
  });

  it('refuses what it cannot use, with a notice each, and never throws', () => {
    const n = (h: string) => parseHash(h, MODEL).notices;
    expect(n('#v=2&screen=train&lesson=1')).toEqual(['lesson=1 ignored: the train screen has no lesson']);
    expect(n('#v=2&screen=demo&lesson=2')).toEqual(['lesson="2" is not 1 (open the lesson) or 0; ignored']);
    expect(n('#v=2&screen=demo&step=2')).toEqual(['step= without lesson=1 ignored']);
    expect(n('#v=2&screen=demo&lesson=0&step=2')).toEqual(['step= without lesson=1 ignored']);
    expect(n('#v=2&teacher=yes')).toEqual(['teacher="yes" is not 1 (teacher mode) or 0; ignored']);
    for (const bad of ['0', '-1', '2.5', 'x', '', '99999']) {
      const r = parseHash(`#v=2&screen=demo&lesson=1&step=${bad}`, MODEL);
      expect(r.settings.lesson).toBe(1);
      expect(r.notices[0]).toMatch(/is not a step number from 1 to 6/);
    }
    const past = parseHash('#v=2&screen=demo&lesson=1&step=7', MODEL);
    expect(past).toMatchObject({ settings: { lesson: 6 }, notices: ["step=7 is past the lesson's last step; showing step 6"] });
    // A model without lessons knows no lesson screen; the key is still known (no "unknown setting" notice).
    expect(parseHash('#v=2&screen=demo&lesson=1', { ...MODEL, lessons: undefined }).notices).toEqual(['lesson=1 ignored: the demo screen has no lesson']);
  });

  it('a lesson is not written for a screen without one (e.g. after switching screens)', () => {
    const s = { ...defaultSettings(MODEL), screen: 'train', lesson: 3 };
    expect(toHash(s, MODEL)).toBe('v=2');
  });
});
