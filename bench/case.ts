/**
 * One measurement, in a process of its own: run.ts forks this file per case so
 * that every case starts from the same clean heap and its RSS is its own (a
 * peer's leftovers never count against us, nor ours against a peer). The case
 * arrives as JSON in argv[2]; the result goes back over IPC (or to stdout when
 * run by hand, e.g. under `node --cpu-prof`).
 *
 *   node dist/bench/case.js '{"kind":"ours","store":"sqlite","dataDir":"/tmp/x","stored":1000,"patients":50,"messagesPerPatient":110,"warmup":11}'
 */
import { join } from 'node:path';
import type { BedLookupResult } from './bed-lookup';
import type { DriveOptions, RunResult } from './drive';
import type { FaqLookupResult } from './faq-lookup';
import { activePatients } from './patients';
import type { Synchronous } from './peers/sqlite-floor';
import type { PopulateResult } from './populate';

// Each case loads only its own code (the imports below are made inside runCase): a process
// measuring Telegraf holds no Botkit, and ours holds neither, nor the bench's other cases.
const storedSamples = async () => (await import('./stored-sessions')).storedSamples();

export type CaseSpec =
  | { kind: 'populate'; dataDir: string; count: number; messages: number }
  | ({ kind: 'ours'; store: 'sqlite' | 'memory'; dataDir: string; stored: number; arrivals?: 'returning' | 'new' } & DriveOptions)
  | ({ kind: 'telegraf' | 'botkit'; stored: number } & DriveOptions)
  | ({ kind: 'floor'; dataDir: string; stored: number; synchronous?: Synchronous } & DriveOptions)
  | { kind: 'faq'; entries: number; rounds: number }
  | { kind: 'beds'; hospitals: number; queries: number };

export type CaseResult = RunResult | PopulateResult | FaqLookupResult | BedLookupResult;

export async function runCase(spec: CaseSpec): Promise<CaseResult> {
  switch (spec.kind) {
    case 'populate': {
      const { populate } = await import('./populate');
      return populate(join(spec.dataDir, 'sahay.db'), spec.count, await storedSamples(), { messages: spec.messages });
    }
    case 'ours': {
      const { benchMessagePath } = await import('./message-path');
      return benchMessagePath({
        store: spec.store === 'sqlite' ? { kind: 'sqlite', dataDir: spec.dataDir, stored: spec.stored } : { kind: 'memory', dataDir: spec.dataDir, stored: spec.stored, samples: await storedSamples() },
        patients: spec.patients,
        messagesPerPatient: spec.messagesPerPatient,
        warmup: spec.warmup,
        ...(spec.arrivals ? { arrivals: spec.arrivals } : {}),
      });
    }
    case 'telegraf':
    case 'botkit': {
      const ks = activePatients(spec.stored, spec.patients);
      const opts = { ...spec, active: (p: number) => ks[p]! };
      if (spec.kind === 'telegraf') return (await import('./peers/telegraf-wizard')).benchTelegrafWizard(opts);
      return (await import('./peers/botkit-conversation')).benchBotkitConversation(opts);
    }
    case 'floor': {
      const ks = activePatients(spec.stored, spec.patients);
      const { benchSqliteFloor } = await import('./peers/sqlite-floor');
      return benchSqliteFloor({ ...spec, dir: spec.dataDir, samples: await storedSamples(), active: (p) => ks[p]! });
    }
    case 'faq':
      return (await import('./faq-lookup')).benchFaqLookup({ entries: spec.entries, rounds: spec.rounds });
    case 'beds':
      return (await import('./bed-lookup')).benchBedLookup({ hospitals: spec.hospitals, queries: spec.queries });
  }
}

if (require.main === module) {
  const spec = JSON.parse(process.argv[2] ?? '{}') as CaseSpec;
  runCase(spec)
    .then((result) => {
      if (process.send) process.send({ ok: true, result }, () => process.exit(0));
      else {
        console.log(JSON.stringify(result, null, 2));
        process.exit(0);
      }
    })
    .catch((err: unknown) => {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      if (process.send) process.send({ ok: false, error: message }, () => process.exit(1));
      else {
        console.error(message);
        process.exit(1);
      }
    });
}
