/**
 * Golden transcripts: what the patient sends, what the bot must answer, through
 * the real router, engine, translator, shipped flows and a SQLite file — and again on
 * the memory store, whose deep-frozen sessions make any code that changes a session
 * value it shares with a stored one throw (the engine copies what it writes), so the
 * two runs agreeing is also a check that nothing does. Each
 * transcript is a YAML file in this folder (format below). After every turn the
 * stored session is read back and must survive a JSON round trip unchanged.
 *
 * ```yaml
 * name: a Bengali first message is answered in Bengali
 * turns:
 *   - send: আমার জ্বর            # text; or { choice: yes }, { location: [22.57, 88.36] }, { media: audio }
 *     lang: bn                  # expected replies are rendered in this language (kept for later turns)
 *     replies:                  # every reply, in order
 *       - welcome.hello         # a message key: the reply is exactly its text
 *       - { key: welcome.ask.consent, choices: [yes, no] }
 *       - { contains: "১০৮" }   # or a part of the text
 *       - { key: help.text_with_numbers, numbers: every }   # its {{numbers}}: the ambulance numbers
 *                               # of a region (`kw`), or of every country (`every`: region not known)
 *     session: { lang: bn, vars: { profile.consent: true } }   # optional checks of the stored session
 * ```
 *
 * Optional, before the turns: `setup: { beds: [{ file, mapping }] }` imports bed data
 * (paths from the project root) into the shared core, e.g. test/fixtures/beds/ slices;
 * `at: "2021-05-01T17:00:00Z"` sets the fixed clock for this transcript (desks' hours depend
 * on it; the shared core's clock is put back afterwards, so other transcripts keep theirs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { getPath } from '../../src/engine/paths';
import { newSession } from '../../src/engine/session';
import { emergencyNumbers } from '../../src/helplines/emergency-numbers';
import { renderRef } from '../../src/router/render';
import { projectRoot } from '../../src/paths';
import type { Input } from '../../src/engine/input';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import type { Store } from '../../src/storage/repositories';
import { createTestCore, type TestCore } from '../support/core';
import { existingConversation } from '../support/conversation';

const lang = z.enum(['bn', 'hi', 'en']);
const reply = z.union([
  z.string(),
  z.strictObject({
    key: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    contains: z.union([z.string(), z.array(z.string())]).optional(),
    choices: z.array(z.string()).optional(),
    numbers: z.string().optional(),
  }),
]);
const send = z.union([
  z.string(),
  z.strictObject({ choice: z.string() }),
  z.strictObject({ location: z.tuple([z.number(), z.number()]) }),
  z.strictObject({ media: z.enum(['image', 'document', 'audio', 'video', 'sticker']) }),
  z.strictObject({ contact: z.strictObject({ name: z.string().optional(), phone: z.string().optional() }) }),
  z.strictObject({ unsupported: z.string() }),
]);
const transcriptSchema = z.strictObject({
  name: z.string(),
  channel: z.enum(['webchat', 'telegram', 'whatsapp', 'cli']).default('webchat'),
  setup: z.strictObject({ beds: z.array(z.strictObject({ file: z.string(), mapping: z.string().optional() })).default([]) }).optional(),
  at: z.iso.datetime().optional(),
  turns: z.array(
    z.strictObject({
      send,
      lang: lang.optional(),
      replies: z.array(reply),
      session: z.strictObject({ lang: lang.optional(), vars: z.record(z.string(), z.unknown()).optional() }).optional(),
    }),
  ),
});

/**
 * The `{{numbers}}` of a text that names the ambulance numbers (src/helplines/emergency-numbers.ts):
 * those of `region`, or of every country (`every`: the region not known), as the patient reads them.
 */
function numbersText(t: TestCore, region: string, language: z.infer<typeof lang>): string {
  const session = newSession();
  if (region !== 'every') session.vars = { profile: { region } };
  const { helplines, triage } = t.core.config;
  return emergencyNumbers(helplines, session, t.clock.now, triage.emergencyRegionsWhenUnknown)
    .map((ref) => renderRef(ref, language, (k, l, p) => t.core.translator.t(k, l, p)))
    .join('\n');
}

function toInput(s: z.infer<typeof send>): Input {
  if (typeof s === 'string') return { kind: 'text', text: s };
  if ('choice' in s) return { kind: 'choice', payload: s.choice };
  if ('location' in s) return { kind: 'location', lat: s.location[0], lng: s.location[1] };
  if ('media' in s) return { kind: 'media', mediaType: s.media, ref: `test:${s.media}` };
  if ('contact' in s) return { kind: 'contact', ...s.contact };
  return { kind: 'unsupported', what: s.unsupported };
}

const dir = __dirname;
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

const stores: Array<[string, () => Store | undefined]> = [
  ['SQLite file', () => undefined],
  ['memory store', () => createMemoryStore()],
];

describe.each(stores)('golden transcripts (%s)', (_name, store) => {
  let t: TestCore;
  beforeAll(async () => {
    const given = store();
    t = await createTestCore(given ? { store: given } : {});
  });
  afterAll(async () => t.close());

  it('has transcripts to run', () => expect(files.length).toBeGreaterThan(0));

  describe.each(files)('%s', (file) => {
    const transcript = transcriptSchema.parse(parse(readFileSync(join(dir, file), 'utf8')));
    it(transcript.name, async () => {
      const user = `transcript-${file}`;
      for (const b of transcript.setup?.beds ?? []) {
        const report = await t.core.beds.importFile(join(projectRoot, b.file), b.mapping ? { mapping: join(projectRoot, b.mapping) } : {});
        expect({ file: b.file, errors: report.errors }).toEqual({ file: b.file, errors: [] });
      }
      let language: z.infer<typeof lang> = 'en';
      const clockBefore = t.clock.now;
      if (transcript.at) t.clock.now = Date.parse(transcript.at);
      try {
        for (const [i, turn] of transcript.turns.entries()) {
          const where = `${file} turn ${i + 1} (${JSON.stringify(turn.send)})`;
          language = turn.lang ?? language;
          const sent = await t.send(user, toInput(turn.send), { channel: transcript.channel });
          const actual = sent.map((m) => ({ text: m.text, choices: m.choices?.map((c) => c.payload) }));
          const expected = turn.replies.map((r) => (typeof r === 'string' ? { key: r } : r));
          try {
            expect(actual).toHaveLength(expected.length);
            expected.forEach((e, j) => {
              const got = actual[j]!;
              if (e.key) {
                const params = e.numbers === undefined ? e.params : { ...e.params, numbers: numbersText(t, e.numbers, language) };
                const text = t.core.translator.t(e.key, language, params);
                if (e.contains === undefined) expect(got.text).toBe(text);
              }
              for (const part of [e.contains ?? []].flat()) expect(got.text).toContain(part);
              if (e.choices) expect(got.choices).toEqual(e.choices);
            });
          } catch (err) {
            throw new Error(`${where}: ${(err as Error).message}\nbot said:\n${actual.map((a) => `  - ${a.text}${a.choices ? ` [${a.choices.join(', ')}]` : ''}`).join('\n')}`);
          }

          const conversation = await existingConversation(t.core.store, transcript.channel, user);
          expect(JSON.parse(JSON.stringify(conversation.session))).toEqual(conversation.session);
          if (turn.session?.lang) expect(conversation.session.lang).toBe(turn.session.lang);
          for (const [path, value] of Object.entries(turn.session?.vars ?? {})) {
            expect({ where, path, value: getPath(conversation.session, path) }).toEqual({ where, path, value });
          }
        }
      } finally {
        t.clock.now = clockBefore;
      }
    });
  });
});
