/**
 * The live queue stream (src/handoff/sse.ts) on a real HTTP server, with a stand-in
 * hand-off service: what a stream holds (its hub listener, the operator's presence, its
 * heartbeat) goes when the browser goes, even while the sign-in was still being checked;
 * and busy news makes at most one queue read wait behind the running one.
 */
import { createServer, get, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { setAuth } from '../../src/console/request-auth';
import { HandoffHub, Presence } from '../../src/handoff/hub';
import type { HandoffService } from '../../src/handoff/service';
import { QueueStreams } from '../../src/handoff/sse';
import { silentLogger } from '../../src/log';
import type { Account, Store } from '../../src/storage/repositories';
import { until } from '../support/until';

const account = { id: 'op1', username: 'op1', displayName: 'Op', roles: ['operator'], languages: [], queues: [], active: true } as unknown as Account;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: Server;
let port: number;
let streams: QueueStreams;
let svc: HandoffService;
/** Reads of the queue (tickets.list) started and finished, and how long each takes. */
const reads = { started: 0, finished: 0, ms: 5 };
/** How long the sign-in check takes before the stream's handler runs, and how many handlers ran. */
let signInMs = 0;
let entered = 0;
const clients: ClientRequest[] = [];

beforeEach(async () => {
  Object.assign(reads, { started: 0, finished: 0, ms: 5 });
  signInMs = 0;
  entered = 0;
  const store = {
    tickets: {
      list: async () => {
        reads.started++;
        await sleep(reads.ms);
        reads.finished++;
        return [];
      },
    },
    accounts: { get: async () => account },
    consoleSessions: { get: async () => ({ lastSeenAt: Date.now(), createdAt: Date.now() }) },
  } as unknown as Store;
  svc = { hub: new HandoffHub(), presence: new Presence(), store, config: { queues: [], sla: { waitingMinutes: 10, emergencyWaitingMinutes: 1 } }, queue: () => undefined } as unknown as HandoffService;
  streams = new QueueStreams({ svc, store, console: { sessionIdleMs: 1e9, sessionMaxMs: 1e9 }, now: Date.now, log: silentLogger, roles: ['operator'], options: { heartbeatMs: 100_000, debounceMs: 20 } });
  const app = express();
  app.get(
    '/events',
    async (req, _res, next) => {
      // As the console's guard does: the session is read before the handler runs.
      await sleep(signInMs);
      setAuth(req, { account, token: 'x'.repeat(43), session: {} } as unknown as Parameters<typeof setAuth>[1]);
      next();
    },
    (req, res, next) => {
      entered++;
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

function open(): ClientRequest {
  const req = get({ host: '127.0.0.1', port, path: '/events', headers: { accept: 'text/event-stream' } }, (res) => res.resume());
  req.on('error', () => undefined);
  clients.push(req);
  return req;
}

it('lets go of a stream whose browser left while its sign-in was being checked', async () => {
  signInMs = 200;
  for (let i = 0; i < 3; i++) {
    const req = open();
    setTimeout(() => req.destroy(), 50);
  }
  // Every handler ran (after its browser had gone), and each let go.
  await until(() => entered === 3);
  await sleep(50);
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
  await sleep(150);
  reads.ms = 100;
  const before = reads.started;
  // News every 5 ms for a second: a 20 ms debounce, reads of 100 ms.
  const news = setInterval(() => svc.hub.publish({ ticketId: 't', what: 'message' } as Parameters<HandoffHub['publish']>[0]), 5);
  await sleep(1000);
  clearInterval(news);
  // About one read per 100 ms, not one per debounce period (50 would have been queued).
  expect(reads.started - before).toBeLessThanOrEqual(13);
  // The last change is still read, and nothing is left queued soon after the news stops.
  await sleep(400);
  expect(reads.finished).toBe(reads.started);
  expect(reads.started - before).toBeGreaterThanOrEqual(5);
});
