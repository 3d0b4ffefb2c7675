/**
 * A SIGKILL must not lose a committed turn. A child process runs the real
 * SQLite store (TypeScript compiled on load by @swc/core, already a dev
 * dependency) and commits turns as fast as it can, printing the number of each
 * turn once commit() has returned. We kill it mid-stream, then check that the
 * file opens cleanly, every reported turn is there, and the rows agree.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Session } from '../../src/engine/session';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';

const root = resolve(__dirname, '..', '..');
const CONVERSATIONS = 5;

/** Plain JS run by `node`: a require hook for .ts, then a commit loop. */
const childScript = (file: string) => `
const fs = require('node:fs');
const swc = require(${JSON.stringify(require.resolve('@swc/core', { paths: [root] }))});
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const { openSqliteStore } = require(${JSON.stringify(join(root, 'src/storage/sqlite/sqlite-store.ts'))});

(async () => {
  const store = openSqliteStore({ file: ${JSON.stringify(file)} });
  const convs = [];
  for (let i = 0; i < ${CONVERSATIONS}; i++) {
    const session = { stack: [], lang: 'bn', vars: {}, turns: 0 };
    convs.push(await store.conversations.findOrCreate('whatsapp', 'user-' + i, { id: 'conv-' + i, session, now: 0 }));
  }
  for (let n = 1; ; n++) {
    const conv = convs[n % convs.length];
    const turns = conv.version + 1;
    const session = { stack: [{ flow: 'triage', version: 'v1', state: 's' + n }], lang: 'bn', vars: { n, note: 'জ্বর ও শ্বাসকষ্ট '.repeat(20) }, turns };
    const result = await store.turns.commit({
      conversationId: conv.id,
      expectedVersion: conv.version,
      session,
      inbound: { id: 'in-' + n, platformMessageId: 'wamid-' + n, content: { kind: 'text', text: 'সাহায্য ' + n }, sentAt: n, receivedAt: n },
      outbound: [
        { id: 'out-' + n + '-a', text: 'উত্তর ' + n, createdAt: n },
        { id: 'out-' + n + '-b', text: 'प्रश्न ' + n, choices: [{ payload: 'yes', title: 'হ্যাঁ' }], createdAt: n },
      ],
    });
    if (result.status !== 'committed') throw new Error('unexpected ' + result.status);
    conv.version = result.version;
    // The pipe to a busy parent fills up: wait for it to read rather than fail (seen under load).
    for (;;) {
      try {
        fs.writeSync(1, n + '\\n');
        break;
      } catch (err) {
        if (err.code !== 'EAGAIN') throw err;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  }
})().catch((err) => { console.error(err); process.exit(1); });
`;

/** Runs the child until it has reported `atLeast` commits, then SIGKILLs it; resolves with the last reported turn. */
function commitUntilKilled(script: string, atLeast: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (!killed && out.split('\n').length > atLeast) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return fail(new Error(`child exited with ${code}: ${err}`));
      // Only whole lines count: the last one may have been cut by the kill.
      const lines = out.split('\n').slice(0, -1);
      done(Number(lines.at(-1)));
    });
  });
}

describe('SQLite crash safety', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every committed turn, consistent, after SIGKILL', async () => {
    const file = join(dir, 'sahay.db');
    const script = join(dir, 'child.js');
    writeFileSync(script, childScript(file));

    // Enough turns to cross several WAL auto-checkpoints, so the kill may land in one.
    const reported = await commitUntilKilled(script, 1500);
    expect(reported).toBeGreaterThanOrEqual(1500);

    // The child never closed the database: its last commits may live only in the WAL.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const store = openSqliteStore({ file });
    const { db } = store;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);

    const inbound = db.prepare("SELECT count(*) FROM messages WHERE direction = 'in'").pluck().get() as number;
    // Every reported turn is there; at most one more committed before the kill was reported.
    expect(inbound).toBeGreaterThanOrEqual(reported);
    expect(inbound).toBeLessThanOrEqual(reported + 1);
    const stored = db.prepare("SELECT count(*) FROM messages WHERE channel = 'whatsapp' AND platform_message_id = ?").pluck();
    const lost = [];
    for (let n = 1; n <= reported; n++) if (stored.get(`wamid-${n}`) !== 1) lost.push(n);
    expect(lost).toEqual([]);

    // Each conversation's version, session and rows tell the same story.
    const rows = db.prepare('SELECT id, session, version FROM conversations ORDER BY id').all() as { id: string; session: string; version: number }[];
    expect(rows).toHaveLength(CONVERSATIONS);
    let versions = 0;
    for (const row of rows) {
      const session = JSON.parse(row.session) as Session;
      expect(session.turns).toBe(row.version);
      const count = (sql: string) => db.prepare(sql).pluck().get(row.id) as number;
      expect(count("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'in'")).toBe(row.version);
      expect(count("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'out'")).toBe(2 * row.version);
      expect(count('SELECT count(*) FROM outbox WHERE conversation_id = ?')).toBe(2 * row.version);
      versions += row.version;
    }
    expect(versions).toBe(inbound);
    const orphans = db.prepare('SELECT count(*) FROM outbox WHERE conversation_id NOT IN (SELECT id FROM conversations)').pluck().get();
    expect(orphans).toBe(0);
    for (const choices of db.prepare('SELECT choices FROM outbox WHERE choices IS NOT NULL').pluck().all() as string[]) {
      expect(JSON.parse(choices)).toEqual([{ payload: 'yes', title: 'হ্যাঁ' }]);
    }
    await expect(store.outbox.countByStatus()).resolves.toEqual({ pending: 2 * inbound, sent: 0, dead: 0 });
    await store.close();
  });
});
