/**
 * A whole FAQ entry in one request (create, save, a draft's preview) may be larger than the
 * app's 64 KB of JSON: three answers of 3,000 characters and 30 example questions of 300 per
 * language, in Bengali and Devanagari (three bytes each). Those routes read their own body, up
 * to what the entry's schema allows (src/faq/content.ts MAX_CONTENT_CHARS), after the admin guard.
 */
import { ENTRY_BODY_LIMIT } from '../../src/faq/console-routes';
import { JSON_BODY_LIMIT } from '../../src/http/app';
import { adminServiceForEachFile } from '../support/admin-service';

const admin = adminServiceForEachFile('large-faq');
const send = admin.send;

/** `n` characters of `word` repeated, cut to length. */
const textOf = (word: string, n: number) => word.repeat(Math.ceil(n / word.length)).slice(0, n);
/** As full as the schema allows: every language's answer and 30 example questions at their longest. */
function fullEntry(id: string) {
  const lang = (word: string) => ({ answer: textOf(word, 3000), questions: Array.from({ length: 30 }, (_, i) => textOf(`${i} ${word}`, 300)) });
  const bn = lang('জ্বর কত দিন থাকে ');
  const hi = lang('बुखार कितने दिन रहता है ');
  const en = lang('how long does fever last ');
  return {
    id,
    topics: ['fever'],
    questions: { bn: bn.questions, hi: hi.questions, en: en.questions },
    answers: { bn: bn.answer, hi: hi.answer, en: en.answer },
    source: 'WHO, COVID-19 Q&A',
    reviewed: '2021-05-01',
  };
}

it('creates, saves and previews an entry as full as the schema allows, over 64 KB of JSON', async () => {
  const content = fullEntry('fever-how-long-full');
  const created = JSON.stringify({ content, publish: false });
  expect(Buffer.byteLength(created)).toBeGreaterThan(JSON_BODY_LIMIT);

  const made = await send('POST', '/api/admin/faq', created);
  expect(made.status).toBe(201);

  const saved = await send('PUT', '/api/admin/faq/fever-how-long-full', JSON.stringify({ content: { ...content, source: 'WHO' }, baseVersion: made.body.entry.latestVersion }));
  expect(saved.status).toBe(200);

  const preview = await send('POST', '/api/admin/faq-preview', JSON.stringify({ question: 'how long does fever last', lang: 'en', draft: content }));
  expect(preview.status).toBe(200);
});

it('reads a large entry body only after the guard: 401 without a session', async () => {
  const body = JSON.stringify({ content: fullEntry('not-signed-in'), publish: false });
  expect(Buffer.byteLength(body)).toBeGreaterThan(JSON_BODY_LIMIT);
  expect((await send('POST', '/api/admin/faq', body, null)).status).toBe(401);
});

it('answers 413 past the limit sized from the schema', async () => {
  // One byte over: 413. At the limit, the schema speaks (400: the source is too long).
  const body = (n: number) => JSON.stringify({ content: { id: 'x', source: 'x'.repeat(n) }, publish: false });
  const envelope = Buffer.byteLength(body(0));
  expect((await send('POST', '/api/admin/faq', body(ENTRY_BODY_LIMIT - envelope + 1))).status).toBe(413);
  expect((await send('POST', '/api/admin/faq', body(ENTRY_BODY_LIMIT - envelope))).status).toBe(400);
});
