/**
 * The web chat page gets its own texts from locales/<lng>/webchat.json, written into the page as
 * it is served (src/http/chat-page.ts): the page's files keep no copy of them to drift, the
 * texts are the same public JSON for everyone, and a text cannot break out of the page.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { LANGUAGES } from '../../src/engine/flow';
import { createHttpApp } from '../../src/http/app';
import { mountChatPage } from '../../src/http/chat-page';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { localesDir, publicDir } from '../../src/paths';

const localeTexts = (dir: string) => Object.fromEntries(LANGUAGES.map((lng) => [lng, JSON.parse(readFileSync(join(dir, lng, 'webchat.json'), 'utf8')) as unknown]));

/** Every string of a JSON tree. */
const stringsOf = (node: unknown): string[] =>
  typeof node === 'string' ? [node] : node !== null && typeof node === 'object' ? Object.values(node).flatMap(stringsOf) : [];

/** The texts the served page holds: the body of its `<script type="application/json" id="texts">`, parsed. */
function textsIn(html: string): unknown {
  const body = /<script type="application\/json" id="texts">([^<]*)<\/script>/.exec(html)?.[1];
  if (body === undefined) throw new Error('the page holds no texts');
  return JSON.parse(body);
}

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the chat page as the service serves it', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const http = createHttpApp({ metrics: createMetrics(), log: silentLogger, readiness: async () => ({}) });
    http.finish();
    ({ server, base } = await listen(http.app));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('holds the texts of locales/{en,bn,hi}/webchat.json, at /chat/ and /chat/index.html', async () => {
    for (const path of ['/chat/', '/chat/index.html']) {
      const res = await fetch(base + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(textsIn(await res.text())).toEqual(localeTexts(localesDir));
    }
  });

  it('is public and the same for everyone: revalidated by its ETag, under the page\'s CSP', async () => {
    const res = await fetch(`${base}/chat/`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('set-cookie')).toBeNull();
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    // As a browser revalidates (fetch() itself would add "no-cache" to a conditional request).
    expect((await fetch(`${base}/chat/`, { headers: { 'If-None-Match': etag!, 'Cache-Control': 'max-age=0' } })).status).toBe(304);
  });

  it('GET /chat still goes to /chat/, and the script and style are served as files', async () => {
    const res = await fetch(`${base}/chat`);
    expect(res.url).toBe(`${base}/chat/`);
    expect(textsIn(await res.text())).toEqual(localeTexts(localesDir));
    expect((await fetch(`${base}/chat/chat.js`)).status).toBe(200);
    expect((await fetch(`${base}/chat/chat.css`)).status).toBe(200);
  });
});

it("the page's files keep no copy of a webchat.json text: a translator's edit is the page's", () => {
  const files = ['chat.js', 'index.html'].map((f) => readFileSync(join(publicDir, 'chat', f), 'utf8')).join('\n');
  const texts = LANGUAGES.flatMap((lng) => stringsOf(localeTexts(localesDir)[lng]));
  expect(texts.length).toBeGreaterThan(20);
  expect(texts.filter((text) => files.includes(text))).toEqual([]);
});

describe('on other locales', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const breakout = 'Offline </script><script>alert(1)</script> & <b>again</b>';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-webchat-page-'));
    cpSync(localesDir, dir, { recursive: true });
    const file = join(dir, 'en', 'webchat.json');
    const en = JSON.parse(readFileSync(file, 'utf8')) as { status: Record<string, string> };
    en.status.offline = breakout;
    writeFileSync(file, JSON.stringify(en));
    const app = express();
    mountChatPage(app, { localesDir: dir });
    ({ server, base } = await listen(app));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves those texts; one with "</script>" in it stays text, whole, in the JSON', async () => {
    const html = await (await fetch(`${base}/chat/`)).text();
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const texts = textsIn(html) as { en: { status: { offline: string } } };
    expect(texts.en.status.offline).toBe(breakout);
    expect(texts).toEqual(localeTexts(dir));
  });
});
