/**
 * The live queue stream (src/handoff/sse.ts) on a real HTTP server, with a stand-in
 * hand-off service: what a stream holds (its hub listener, the operator's presence, its
 * heartbeat) goes when the browser goes, even while the sign-in was still being checked,
 * or when it stays connected but stops reading; and busy news makes at most one queue read
 * wait behind the running one.
 */
import { createServer, get, type ClientRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import express from 'express';
import { setAuth } from '../../src/console/request-auth';
import { HandoffHub, Presence } from '../../src/handoff/hub';
import type { HandoffService } from '../../src/handoff/service';
import { QueueStreams } from '../../src/handoff/sse';
import { silentLogger } from '../../src/log';
import type { Account, Store } from '../../src/storage/repositories';
import { until } from '../support/until';

const account = { id: 'op1', username: 'op1', displayName: 'Op', roles: ['operator'], languages: [], queues: [], active: true } as unknown as Account;
/** The account as the store has it now (an admin may edit it while the stream is open). */
let stored: Account = account;
/** The streams' heartbeat (ms); long, but for the tests about what a heartbeat picks up. */
let heartbeatMs = 100_000;
/** How long reading the account takes (a slow store). */
let accountReadMs = 0;
/** Reads of the account (each heartbeat's) started and finished. */
const accountReads = { started: 0, finished: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: Server;
let port: number;
let streams: QueueStreams;
let svc: HandoffService;
/**
 * Reads of the queue (tickets.list) started and finished, and how long each takes; `newsBefore`:
 * how much news had been published when the latest read started.
 */
const reads = { started: 0, finished: 0, ms: 5, whileBackedUp: 0, newsBefore: 0 };
/** News published so far by the test that counts it. */
let newsPublished = 0;
/** How many of the stream's handlers ran (after the sign-in check). */
let entered = 0;
/** While set, the sign-in check waits for it (the test says when the check ends); the requests it checked. */
let signInGate: Promise<void> | undefined;
const signingIn: import('express').Request[] = [];
/** The server's side of the latest stream. */
let serverResponse: import('express').Response | undefined;
const clients: ClientRequest[] = [];

beforeEach(async () => {
  stored = account;
  accountReadMs = 0;
  Object.assign(reads, { started: 0, finished: 0, ms: 5, whileBackedUp: 0, newsBefore: 0 });
  Object.assign(accountReads, { started: 0, finished: 0 });
  newsPublished = 0;
  entered = 0;
  signInGate = undefined;
  signingIn.length = 0;
  const store = {
    tickets: {
      list: async () => {
        reads.started++;
        reads.newsBefore = newsPublished;
        if (serverResponse?.writableNeedDrain) reads.whileBackedUp++;
        await sleep(reads.ms);
        reads.finished++;
        return [];
      },
    },
    accounts: {
      get: async () => {
        accountReads.started++;
        if (accountReadMs) await sleep(accountReadMs);
        accountReads.finished++;
        return stored;
      },
    },
    consoleSessions: { get: async () => ({ lastSeenAt: Date.now(), createdAt: Date.now() }) },
  } as unknown as Store;
  svc = { hub: new HandoffHub(), presence: new Presence(), store, config: { queues: [], sla: { waitingMinutes: 10, emergencyWaitingMinutes: 1 } }, queue: () => undefined } as unknown as HandoffService;
  streams = new QueueStreams({ svc, store, console: { sessionIdleMs: 1e9, sessionMaxMs: 1e9 }, now: Date.now, log: silentLogger, roles: ['operator'], options: { heartbeatMs, debounceMs: 20, maxBufferedBytes: 64 * 1024 } });
  const app = express();
  app.get(
    '/events',
    async (req, _res, next) => {
      // As the console's guard does: the session is read before the handler runs.
      signingIn.push(req);
      await signInGate;
      setAuth(req, { account, token: 'x'.repeat(43), session: {} } as unknown as Parameters<typeof setAuth>[1]);
      next();
    },
    (req, res, next) => {
      entered++;
      serverResponse = res;
      void streams.handle(req, res).catch(next);
    },
  );
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  // A stream a failed test left open would keep its heartbeat (and jest) running.
  streams.closeAll();
  for (const c of clients.splice(0)) c.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A browser's EventSource; one that `stopsReading` takes the response's head and then nothing more. */
function open(opts: { stopsReading?: boolean } = {}): ClientRequest {
  const req = get({ host: '127.0.0.1', port, path: '/events', headers: { accept: 'text/event-stream' } }, (res) => {
    if (opts.stopsReading) res.pause();
    else res.resume();
  });
  req.on('error', () => undefined);
  clients.push(req);
  return req;
}

it('lets go of a stream whose browser left while its sign-in was being checked', async () => {
  // The browsers leave once the server has their requests and while it checks them, however
  // slow a loaded machine is at either (not after fixed times, which could come in either order).
  let signInDone!: () => void;
  signInGate = new Promise<void>((resolve) => (signInDone = resolve));
  const browsers = [open(), open(), open()];
  await until(() => signingIn.length === 3);
  for (const req of browsers) req.destroy();
  await until(() => signingIn.every((req) => req.socket.destroyed));
  signInDone();
  // Every handler ran (after its browser had gone), and each let go at once.
  await until(() => entered === 3);
  expect(streams.count).toBe(0);
  expect(svc.hub.listenerCount).toBe(0);
  expect(svc.presence.online()).toEqual([]);
});

it('lets go of a stream when its browser leaves later, and holds it while the browser stays', async () => {
  const req = open();
  await until(() => streams.count === 1);
  expect(svc.presence.online().map((o) => o.id)).toEqual(['op1']);
  req.destroy();
  await until(() => streams.count === 0);
  expect(svc.hub.listenerCount).toBe(0);
});

it('keeps at most one queue read waiting behind the running one, however busy the news', async () => {
  open();
  // The stream's first read (the queue as it is) done.
  await until(() => streams.count === 1 && reads.finished === 1);
  reads.ms = 100;
  const before = reads.started;
  // News every 5 ms for a second, and on until five reads have started (a loaded machine reads
  // slower; busy news must not hold the reads off): a 20 ms debounce, reads of 100 ms.
  const busySince = performance.now();
  const news = setInterval(() => {
    newsPublished++;
    svc.hub.publish({ ticketId: 't', what: 'message' } as Parameters<HandoffHub['publish']>[0]);
  }, 5);
  const gaveUpAt = busySince + 10_000;
  while ((performance.now() - busySince < 1000 || reads.started - before < 5) && performance.now() < gaveUpAt) await sleep(10);
  clearInterval(news);
  // The bounds count the time the news really lasted.
  const busyMs = performance.now() - busySince;
  const duringNews = reads.started - before;
  expect(duringNews).toBeGreaterThanOrEqual(5);
  // About one read per 100 ms, not one per debounce period (50 a second would have been queued).
  expect(duringNews).toBeLessThanOrEqual(Math.ceil(busyMs / 100) + 3);
  // The last change is still read (a read starts after the last news), and no more than the one
  // waiting read is left once the news stops (a pile of them would run on for seconds).
  const atStop = reads.started;
  await until(() => reads.newsBefore === newsPublished && reads.finished === reads.started);
  const settled = reads.started;
  expect(settled - atStop).toBeLessThanOrEqual(2);
  await sleep(100);
  expect(reads.started).toBe(settled);
});

it('ends a stream whose browser stays connected but stops reading, before much is buffered for it', async () => {
  const req = open({ stopsReading: true });
  await until(() => streams.count === 1);
  const readsBefore = reads.started;
  // Ticket news of about 1 KB each (a long id stands in for a busy afternoon's many events):
  // far more than the sockets on both sides hold, so the rest waits in the server's buffer.
  const news = { ticketId: 't'.repeat(1000), what: 'message' } as Parameters<HandoffHub['publish']>[0];
  for (let i = 0; i < 20_000 && streams.count === 1; i++) svc.hub.publish(news);
  expect(streams.count).toBe(0);
  expect(svc.hub.listenerCount).toBe(0);
  expect(svc.presence.online()).toEqual([]);
  // The connection is let go with what was buffered for it, not kept until the browser reads it.
  expect(serverResponse!.socket?.destroyed ?? true).toBe(true);
  // Not every one of the 20,000 was written: the stream ended once 64 KB waited.
  await sleep(100);
  expect(reads.started - readsBefore).toBeLessThanOrEqual(1);
  req.destroy();
});

it('sends no queue while the browser is behind, and the latest once it has caught up', async () => {
  // A raw socket, so that nothing reads on the browser's side until the test says so.
  const socket = connect(port, '127.0.0.1');
  socket.pause();
  socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n');
  await until(() => streams.count === 1);
  // Enough news to back the socket up, not enough to end the stream (64 KB here): news until
  // the response waits for a drain, again until it still waits a moment later (the kernel's
  // buffers grow meanwhile).
  const news = { ticketId: 'u'.repeat(1000), what: 'message' } as Parameters<HandoffHub['publish']>[0];
  for (let round = 0; round < 1000 && !serverResponse!.writableNeedDrain; round++) {
    while (!serverResponse!.writableNeedDrain) svc.hub.publish(news);
    await sleep(10);
  }
  expect(serverResponse!.writableNeedDrain).toBe(true);
  // Every burst asked for a refresh (20 ms debounce): none read the queue while backed up.
  await sleep(100);
  expect(reads.whileBackedUp).toBe(0);
  expect(streams.count).toBe(1);
  // The browser reads again: once the socket has drained, the queue is read again (and sent
  // if it changed meanwhile; the stand-in's queue stays empty).
  const readsAtResume = reads.started;
  socket.resume();
  await until(() => reads.started > readsAtResume);
  expect(reads.whileBackedUp).toBe(0);
  expect(streams.count).toBe(1);
  socket.destroy();
});

describe('on each heartbeat', () => {
  beforeAll(() => (heartbeatMs = 50));
  afterAll(() => (heartbeatMs = 100_000));

  it("counts the operator online in the queues and languages an admin has just given the account", async () => {
    open();
    await until(() => streams.count === 1);
    expect(svc.presence.online()).toEqual([{ id: 'op1', queues: [], languages: [] }]);
    stored = { ...account, queues: ['bn-desk'], languages: ['bn'] } as Account;
    await until(() => svc.presence.online()[0]?.queues.length === 1);
    // Moved, not counted twice.
    expect(svc.presence.online()).toEqual([{ id: 'op1', queues: ['bn-desk'], languages: ['bn'] }]);
    streams.closeAll();
    expect(svc.presence.online()).toEqual([]);
  });

  it('lets go of the operator when the browser leaves while a heartbeat reads the changed account', async () => {
    const req = open();
    await until(() => streams.count === 1);
    stored = { ...account, queues: ['bn-desk'], languages: ['bn'] } as Account;
    accountReadMs = 200;
    // A heartbeat is reading (every 50 ms); the browser leaves meanwhile.
    const readsBefore = accountReads.started;
    await until(() => accountReads.started > readsBefore);
    req.destroy();
    await until(() => streams.count === 0);
    // The reads in flight when it left have finished, and no heartbeat starts another: three
    // heartbeat periods pass with the count unchanged (a timer left behind would read again).
    await until(() => accountReads.finished === accountReads.started);
    const readsWhenGone = accountReads.started;
    await sleep(3 * heartbeatMs);
    expect(accountReads.started).toBe(readsWhenGone);
    expect(accountReads.finished).toBe(accountReads.started);
    expect(svc.presence.online()).toEqual([]);
  });
});
