/**
 * Kill the real service (the built `sahay start`) with SIGKILL in the middle of a
 * stream of web chat messages, start it again, and check that every stored
 * session is readable and every committed reply is delivered.
 * Needs the build (`npm test` builds before jest).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'sahay.js');
const built = join(root, 'dist', 'src', 'cli', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function startService(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '200' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function waitReady(port: number, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('service did not become ready');
}

// Answers that keep a conversation moving through welcome, menu and helplines forever.
const SCRIPT = ['নমস্কার', 'হ্যাঁ'];
const LOOP = ['হেল্পলাইন ও অ্যাম্বুলেন্স', '১', '২', '৪', '১'];

describe('crash recovery', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing when killed with SIGKILL mid-stream', async () => {
    if (!existsSync(built)) throw new Error('build first: `npm run build` (npm test does it)');
    dir = mkdtempSync(join(tmpdir(), 'sahay-crash-'));
    const port = await freePort();
    child = startService(dir, port);
    await waitReady(port);

    const users = Array.from({ length: 12 }, (_, i) => `crash-user-${i}`);
    let stop = false;
    let answered = 0;
    /** Users with at least one answered (so committed) turn. */
    const started = new Set<string>();
    const streams = users.map(async (user) => {
      for (let i = 0; !stop; i++) {
        const text = i < SCRIPT.length ? SCRIPT[i]! : LOOP[(i - SCRIPT.length) % LOOP.length]!;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/webchat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'message', text, user, channel: 'webhook', id: `${user}-${i}` }),
          });
          if (res.ok) {
            answered++;
            started.add(user);
          }
        } catch {
          return; // the server died under us
        }
      }
    });
    // Killed once the stream is well under way: after some answers, every user's first among them,
    // rather than after a fixed time, which on a loaded machine could come before a turn was committed.
    const deadline = Date.now() + 30_000;
    while ((answered <= 20 || started.size < users.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    // A moment more, so that the kill lands among turns in progress.
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    stop = true;
    await Promise.all(streams);
    expect(answered).toBeGreaterThan(20);

    // Everything on disk is consistent and readable.
    const db = new Database(join(dir, 'sahay.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const conversations = db.prepare('SELECT id, session, version FROM conversations').all() as Array<{ id: string; session: string; version: number }>;
    expect(conversations).toHaveLength(users.length);
    for (const c of conversations) {
      const session = JSON.parse(c.session);
      expect(Array.isArray(session.stack)).toBe(true);
      const inbound = db.prepare("SELECT count(*) n FROM messages WHERE conversation_id = ? AND direction = 'in'").get(c.id) as { n: number };
      expect(inbound.n).toBe(c.version); // one committed turn per stored inbound message
    }
    const pendingRows = db.prepare("SELECT user_id user, count(*) n FROM outbox WHERE status = 'pending' GROUP BY user_id").all() as Array<{ user: string; n: number }>;
    const pendingFor = new Map(pendingRows.map((r) => [r.user, r.n]));
    const pendingBefore = pendingRows.reduce((a, r) => a + r.n, 0);
    db.close();

    // Restart: replies committed but never sent wait for their web chat user, who reconnects.
    // Each stays until it has had what waited for it (not a fixed time, which a loaded machine
    // can overrun), then a moment more for anything that should not come.
    child = startService(dir, port);
    await waitReady(port);
    const received = new Map<string, number>();
    const delivery = Date.now() + 20_000;
    await Promise.all(
      users.map(
        (user) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/chat/ws`);
            ws.on('open', () => ws.send(JSON.stringify({ type: 'welcome_back', user, channel: 'websocket' })));
            ws.on('message', (data) => {
              const frame = JSON.parse(String(data));
              if (frame.type === 'message') received.set(user, (received.get(user) ?? 0) + 1);
            });
            ws.on('error', reject);
            const check = setInterval(() => {
              if ((received.get(user) ?? 0) < (pendingFor.get(user) ?? 0) && Date.now() < delivery) return;
              clearInterval(check);
              setTimeout(() => (ws.close(), resolve()), 300);
            }, 25);
          }),
      ),
    );
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;

    const after = new Database(join(dir, 'sahay.db'), { readonly: true });
    const counts = after.prepare('SELECT status, count(*) n FROM outbox GROUP BY status').all() as Array<{ status: string; n: number }>;
    after.close();
    const pending = counts.find((c) => c.status === 'pending')?.n ?? 0;
    expect(pending).toBe(0);
    expect([...received.values()].reduce((a, b) => a + b, 0)).toBe(pendingBefore);
  }, 90_000);
});
