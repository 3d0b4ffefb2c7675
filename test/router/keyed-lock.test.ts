/**
 * The per-conversation lock (src/router/keyed-lock.ts): one task at a time per key,
 * in call order, whatever the tasks do; keys apart run side by side.
 */
import { KeyedLock } from '../../src/router/keyed-lock';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  it('runs the tasks of one key one at a time, in call order, and other keys alongside', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([lock.run('a', task('a1')), lock.run('b', task('b1')), lock.run('a', task('a2'))]);
    expect(results).toEqual(['a1', 'b1', 'a2']);
    // b1 ran while a1 did; a2 waited for a1.
    const at = (entry: string) => log.indexOf(entry);
    expect(at('b1 start')).toBeLessThan(at('a1 end'));
    expect(at('a2 start')).toBeGreaterThan(at('a1 end'));
    await tick();
    expect(lock.size).toBe(0);
  });

  it('queues a run() a task makes on its own key before its first await behind that task', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let inner: Promise<void> | undefined;
    await lock.run('a', async () => {
      log.push('outer start');
      // A task starts at once when its key is free: the key must already count as taken here.
      inner = lock.run('a', async () => void log.push('inner'));
      await tick();
      log.push('outer end');
    });
    await inner;
    expect(log).toEqual(['outer start', 'outer end', 'inner']);
  });

  it('rejects only the caller of a task that throws, at once or later, and goes on with the next', async () => {
    const lock = new KeyedLock();
    const syncThrow = lock.run('a', () => {
      throw new Error('at once');
    });
    const asyncThrow = lock.run('a', async () => {
      await tick();
      throw new Error('later');
    });
    const next = lock.run('a', async () => 'next');
    await expect(syncThrow).rejects.toThrow('at once');
    await expect(asyncThrow).rejects.toThrow('later');
    await expect(next).resolves.toBe('next');
    await tick();
    expect(lock.size).toBe(0);
  });

  it('frees the key by the time the task\'s caller goes on (has() says a run now would not wait)', async () => {
    const lock = new KeyedLock();
    await lock.run('a', async () => 'done');
    expect(lock.has('a')).toBe(false);
    expect(lock.size).toBe(0);
    // A task queued behind another keeps the key until it has run, and only then frees it.
    const first = lock.run('a', async () => 1);
    const second = lock.run('a', async () => 2);
    await first;
    expect(lock.has('a')).toBe(true);
    await second;
    expect(lock.has('a')).toBe(false);
  });

  it("lets the caller of a task go on before the next task of the key starts (the router's delivery before the next turn)", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const first = (async () => {
      await lock.run('a', async () => 'first');
      log.push('first caller goes on');
    })();
    const second = lock.run('a', async () => void log.push('second starts'));
    await Promise.all([first, second]);
    expect(log).toEqual(['first caller goes on', 'second starts']);
  });
});
