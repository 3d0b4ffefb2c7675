/**
 * Named counters in `counters`: revisions (hospital registry, FAQ) that a
 * process compares with one read to notice another process's writes, and
 * sequence numbers (flow publications) that order events across processes
 * without trusting their clocks.
 */
import type { Collections } from './collections';
import { DuplicateKeyError } from './errors';

/** Adds one and returns the new value (1 for a new counter). */
export async function bumpCounter(c: Collections, name: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await c.counters.findOneAndUpdate('counters.byId', { _id: name }, { $inc: { value: 1 } }, { upsert: true });
      return doc?.value ?? 1;
    } catch (err) {
      // Two processes creating the counter at once: the loser's upsert hits _id; the second try increments.
      if (!(err instanceof DuplicateKeyError) || attempt > 0) throw err;
    }
  }
}

export async function readCounter(c: Collections, name: string): Promise<number> {
  return (await c.counters.findOne('counters.byId', { _id: name }))?.value ?? 0;
}
