import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../../src/http/app';
import { AppError } from '../../src/http/errors';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';

let server: Server;
let base: string;
let checks: Record<string, boolean> = { store: true, webchat: true };
let readinessThrows = false;
const logLines: string[] = [];

beforeAll(async () => {
  const metrics = createMetrics();
  metrics.messagesIn.inc({ channel: 'webchat' });
  const http = createHttpApp({
    metrics,
    log: createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } }),
    readiness: async () => {
      if (readinessThrows) throw new Error('store gone');
      return checks;
    },
  });
  // Routes mounted between createHttpApp() and finish(), as later modules will.
  http.app.post('/api/echo', (req, res) => {
    res.json({ got: req.body });
  });
  http.app.get('/api/forbidden', () => {
    throw new AppError('forbidden', 'Operators only.');
  });
  http.app.get('/api/boom', async () => {
    throw new Error('secret internals at /home/app/src/x.ts');
  });
  http.app.post('/api/boom/:userId', async (req) => {
    // A driver error quoting the id (a duplicate key, a platform's "chat not found").
    throw new Error(`handler bug for ${req.params.userId}`);
  });
  http.finish();
  http.finish(); // harmless twice
  server = createServer(http.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function postRaw(path: string, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(base + path, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('ops endpoints', () => {
  test('GET /healthz is always 200', async () => {
    checks = { store: false };
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    checks = { store: true, webchat: true };
  });

  test('GET /readyz is 200 when every check passes', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, checks: { store: true, webchat: true } });
  });

  test('GET /readyz is 503 and lists the checks when one fails', async () => {
    checks = { store: true, webchat: false };
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, checks: { store: true, webchat: false } });
    checks = { store: true, webchat: true };
  });

  test('GET /readyz is 503 when the readiness function throws', async () => {
    readinessThrows = true;
    const res = await fetch(`${base}/readyz`);
    readinessThrows = false;
    expect(res.status).toBe(503);
    expect((await res.json()).ok).toBe(false);
  });

  test('GET /metrics serves prometheus text from the registry', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('# TYPE sahay_messages_in_total counter');
    expect(text).toContain('sahay_messages_in_total{channel="webchat"} 1');
  });
});

describe('errors', () => {
  test('malformed JSON is a 400 JSON error, not an HTML page', async () => {
    const res = await postRaw('/api/echo', '{"text": "jor ache",');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body).toEqual({ error: { code: 'bad_json', message: expect.any(String) } });
    // The parser's message would quote the body back; ours does not.
    expect(body.error.message).not.toContain('jor');
  });

  test('a body over 64kb is a 413 JSON error', async () => {
    const res = await postRaw('/api/echo', JSON.stringify({ text: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  test('a body within the limit reaches the route', async () => {
    const res = await postRaw('/api/echo', JSON.stringify({ text: 'জ্বর'.repeat(2500) }));
    expect(res.status).toBe(200);
    expect((await res.json()).got.text).toHaveLength(10_000);
  });

  test('unknown /api routes are a 404 JSON error', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['POST', '/api/nope/deeper'],
      ['GET', '/api'],
    ] as const) {
      const res = await fetch(base + path, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  test('an AppError keeps its code, status and message', async () => {
    const res = await fetch(`${base}/api/forbidden`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'Operators only.' } });
  });

  test('any other error is a generic 500 without the stack or message', async () => {
    const res = await fetch(`${base}/api/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    expect(text).not.toContain('secret');
    expect(text).not.toContain('.ts');
  });

  test('internal errors are logged with the route pattern, never the body or the URL ids', async () => {
    logLines.length = 0;
    const res = await postRaw('/api/boom/8801711000000', JSON.stringify({ text: 'PATIENT_TEXT' }));
    expect(res.status).toBe(500);
    expect(logLines).toHaveLength(1);
    const entry = JSON.parse(logLines[0] ?? '{}');
    expect(entry).toMatchObject({ level: 50, msg: 'request failed', method: 'POST', route: '/api/boom/:userId' });
    expect(entry.err.type).toBe('Error');
    expect(entry.err.stack).toMatch(/^Error: handler bug for \[number\]\n\s+at /);
    expect(logLines[0]).not.toContain('PATIENT_TEXT');
    expect(logLines[0]).not.toContain('8801711000000');
  });

  test('client errors are not logged as failures', async () => {
    logLines.length = 0;
    await postRaw('/api/echo', '{nope');
    await fetch(`${base}/api/nope`);
    expect(logLines).toHaveLength(0);
  });
});

describe('the chat page', () => {
  test('GET /chat serves the HTML page with its script and style', async () => {
    const res = await fetch(`${base}/chat`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/chat/`);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('name="viewport"');
    expect(html).toContain('chat.js');

    const js = await fetch(`${base}/chat/chat.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const css = await fetch(`${base}/chat/chat.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toContain('Noto Sans Bengali');
  });
});

describe('a proxy in front without TRUST_PROXY', () => {
  it('is said once in the log: the per-address limits would count every client as the proxy', async () => {
    const said = () => logLines.filter((l) => l.includes('TRUST_PROXY is not set')).length;
    await fetch(`${base}/healthz`);
    expect(said()).toBe(0);
    await fetch(`${base}/healthz`, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    await fetch(`${base}/healthz`, { headers: { 'X-Forwarded-For': '203.0.113.8' } });
    expect(said()).toBe(1);
    // The client's address is not in it.
    expect(logLines.join('\n')).not.toContain('203.0.113');
  });
});
