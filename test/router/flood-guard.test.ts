/**
 * The flood guard on its own: how many of a conversation's messages run their flow in a
 * minute, the one notice, the words that still get through (once a window each), separate
 * conversations and windows, and a duplicate giving back what it counted.
 */
import type { Input } from '../../src/engine/input';
import { FloodGuard, type FloodVerdict } from '../../src/router/flood-guard';

const T0 = Date.UTC(2021, 4, 1, 10, 0, 0);
const text = (t: string): Input => ({ kind: 'text', text: t });
/** The engine's reading of global words, cut down: a red flag is the emergency word. */
const interpret = { command: (t: string) => ({ "can't breathe": 'emergency', ambulance: 'emergency', stop: 'stop', menu: 'menu', 'i want to die': 'crisis' })[t] ?? null };

describe('flood guard', () => {
  /** The router's clock: messages a second apart from the start of a minute. */
  let now: number;
  beforeEach(() => {
    now = T0;
  });
  const admit = (guard: FloodGuard, conv: string, content: Input) => guard.admit(conv, content, (now += 1000));
  const admitMany = async (guard: FloodGuard, conv: string, n: number, content = text('hi')): Promise<FloodVerdict[]> => {
    const out: FloodVerdict[] = [];
    for (let i = 0; i < n; i++) out.push(await admit(guard, conv, content));
    return out;
  };

  it('runs the first N messages of a minute, then holds the rest back with one notice', async () => {
    const guard = new FloodGuard({ maxPerMinute: 5, interpret });
    const verdicts = await admitMany(guard, 'c1', 8);
    expect(verdicts).toEqual([...Array(5).fill({ run: true }), { run: false, notice: true }, { run: false, notice: false }, { run: false, notice: false }]);
  });

  it('counts each conversation on its own', async () => {
    const guard = new FloodGuard({ maxPerMinute: 2, interpret });
    await admitMany(guard, 'c1', 3);
    expect(await admit(guard, 'c2', text('hi'))).toEqual({ run: true });
    expect(await admit(guard, 'c1', text('hi'))).toEqual({ run: false, notice: false });
  });

  it('answers again once the minute is over, and gives a new notice in the next flood', async () => {
    const guard = new FloodGuard({ maxPerMinute: 2, interpret });
    await admitMany(guard, 'c1', 4);
    now = T0 + 58_000; // the next message comes at 59 s
    expect(await admit(guard, 'c1', text('hi'))).toEqual({ run: false, notice: false });
    now = T0 + 59_000; // …and this one at 60 s: a new minute
    expect(await admitMany(guard, 'c1', 4)).toEqual([{ run: true }, { run: true }, { run: false, notice: true }, { run: false, notice: false }]);
  });

  it('lets a red flag, a crisis and the stop word through while held back, once a window each; other words are held', async () => {
    const guard = new FloodGuard({ maxPerMinute: 2, interpret });
    await admitMany(guard, 'c1', 3); // the third was held back, with the notice
    expect(await admit(guard, 'c1', text('menu'))).toEqual({ run: false, notice: false });
    expect(await admit(guard, 'c1', text("can't breathe"))).toEqual({ run: true, through: 'emergency' });
    // An auto-reply that quotes a danger sign does not loop through: the next one in the window is held.
    expect(await admit(guard, 'c1', text('ambulance'))).toEqual({ run: false, notice: false });
    expect(await admit(guard, 'c1', text('stop'))).toEqual({ run: true, through: 'stop' });
    expect(await admit(guard, 'c1', text('stop'))).toEqual({ run: false, notice: false });
    // Thoughts of suicide (the crisis word, src/crisis/) get their reply and the lines to call, however fast the patient writes.
    expect(await admit(guard, 'c1', text('i want to die'))).toEqual({ run: true, through: 'crisis' });
    // In the next minute: a caption is read as typed words, as the engine reads it.
    now = T0 + 59_000;
    await admitMany(guard, 'c1', 2);
    expect(await admit(guard, 'c1', { kind: 'media', mediaType: 'image', ref: 'f1', caption: "can't breathe" })).toEqual({ run: true, through: 'emergency' });
    // The notice still goes with the first message held back in that window.
    expect(await admit(guard, 'c1', text('hi'))).toEqual({ run: false, notice: true });
  });

  it('gives back what a duplicate counted', async () => {
    const guard = new FloodGuard({ maxPerMinute: 2, interpret });
    const [first] = await admitMany(guard, 'c1', 1);
    await guard.undo('c1', first!, now);
    expect(await admitMany(guard, 'c1', 2)).toEqual([{ run: true }, { run: true }]);
    const held = await admit(guard, 'c1', text('hi'));
    expect(held).toEqual({ run: false, notice: true });
    await guard.undo('c1', held, now);
    // The redelivery sent no notice (it stored nothing): the next message held back brings it.
    expect(await admit(guard, 'c1', text('hi'))).toEqual({ run: false, notice: true });
    const through = await admit(guard, 'c1', text('stop'));
    await guard.undo('c1', through, now);
    expect(await admit(guard, 'c1', text('stop'))).toEqual({ run: true, through: 'stop' });
  });

  it('counts in minutes of the clock it is given, not of the wall clock (a test or a replay days apart is no flood)', async () => {
    const guard = new FloodGuard({ maxPerMinute: 2, interpret });
    for (let day = 0; day < 5; day++) {
      now = T0 + day * 86_400_000;
      expect(await admitMany(guard, 'c1', 2)).toEqual([{ run: true }, { run: true }]);
    }
  });

  it('takes a limit of at least one (0, the setting for "off", builds no guard)', () => {
    expect(() => new FloodGuard({ maxPerMinute: 0, interpret })).toThrow(/at least 1/);
  });
});
