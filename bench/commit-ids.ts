/**
 * The turn's commit alone, with random (v4) and time-ordered (v7) record ids: the
 * measurement behind src/ids.ts. A stored database of 1k conversations (populate.ts),
 * then rounds of 10 turns per IMMEDIATE transaction — read the conversation's version,
 * insert the inbound message, update the session, insert two replies (transcript row
 * and outbox row) — and one transaction marking the replies sent, as the store's group
 * commit did under load when this was measured (synchronous=NORMAL, the version read
 * before the writes; the store now syncs each commit and reads nothing first, and
 * since migration 9 chains each message to its conversation's previous one, see
 * bench/README.md). Its INSERTs are still those of the time, without prev_seq: the
 * schema's trigger chains them, so its figures now include that trigger's work too and
 * compare only with each other. Prints CPU µs per turn for each kind of id, twice, alternating.
 *
 *   npm run build && node dist/bench/commit-ids.js [--turns 20000]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newRecordId } from '../src/ids';
import { populate } from './populate';
import { storedSamples } from './stored-sessions';

const TURNS_PER_TRANSACTION = 10;
const REPLY = { kind: 'text', text: 'x'.repeat(300) };

function commitCost(file: string, newId: () => string, turns: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  try {
    const convs = db.prepare<[], { id: string; channel: string; user_id: string; session: string }>('SELECT id, channel, user_id, session FROM conversations LIMIT 50').all();
    const target = db.prepare<[string], { version: number }>('SELECT version FROM conversations WHERE id = ?');
    const inbound = db.prepare(
      `INSERT INTO messages (id, conversation_id, direction, channel, platform_message_id, content, sent_at, at) VALUES (?, ?, 'in', ?, ?, ?, ?, ?)
       ON CONFLICT (channel, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING`,
    );
    const session = db.prepare('UPDATE conversations SET session = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?');
    const outbound = db.prepare(`INSERT INTO messages (id, conversation_id, direction, channel, platform_message_id, content, sent_at, at) VALUES (?, ?, 'out', ?, NULL, ?, NULL, ?)`);
    const outbox = db.prepare(
      `INSERT INTO outbox (id, conversation_id, channel, user_id, text, choices, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, NULL, 'pending', 0, ?, ?)`,
    );
    const sent = db.prepare(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ? AND status <> 'sent'`);
    const batch = db.transaction((first: number) => {
      const ids: string[] = [];
      for (let t = first; t < first + TURNS_PER_TRANSACTION; t++) {
        const c = convs[t % convs.length]!;
        const { version } = target.get(c.id)!;
        inbound.run(newId(), c.id, c.channel, `commit-ids-${t}`, '{"kind":"text","text":"hello"}', t, t);
        session.run(c.session, t, c.id, version);
        for (let r = 0; r < 2; r++) {
          const id = newId();
          outbound.run(id, c.id, c.channel, JSON.stringify(REPLY), t);
          outbox.run(id, c.id, c.channel, c.user_id, REPLY.text, t, t);
          ids.push(id);
        }
      }
      return ids;
    });
    const mark = db.transaction((ids: string[]) => {
      for (const id of ids) sent.run(Date.now(), id);
    });
    const cpu = process.cpuUsage();
    for (let t = 0; t < turns; t += TURNS_PER_TRANSACTION) mark.immediate(batch.immediate(t));
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / turns;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--turns');
  const turns = i >= 0 ? Number(process.argv[i + 1]) : 20_000;
  const samples = await storedSamples();
  const root = mkdtempSync(join(tmpdir(), 'sahay-commit-ids-'));
  try {
    for (let round = 1; round <= 2; round++) {
      for (const [name, newId] of [['v4 (random)', randomUUID], ['v7 (time-ordered)', newRecordId]] as const) {
        const file = join(root, `${round}-${name.slice(0, 2)}.db`);
        populate(file, 1000, samples, { messages: 4 });
        console.log(`round ${round}  ids ${name.padEnd(18)} ${commitCost(file, newId, turns).toFixed(1)} µs CPU per turn`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
