/**
 * `{{emergency}}` in an FAQ answer: the ambulance and emergency numbers of the patient's region,
 * filled in when the answer is sent (src/faq/answer-placeholders.ts), from config/helplines.yaml.
 * The starter answers typed "108 in India, 999 in Bangladesh, 997 in Saudi Arabia", which told a
 * worker in Kuwait or Dubai numbers that do not work there. Any other placeholder is refused when
 * the entry is saved, naming it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { faqContentSchema } from '../../src/faq/content';
import { filledAnswer, unknownPlaceholders } from '../../src/faq/answer-placeholders';
import { loadHelplines } from '../../src/helplines/directory';
import { configDir } from '../../src/paths';
import { createTestCore, type TestCore } from '../support/core';
import { patientAtMenu } from '../support/emergency-numbers';

let t: TestCore;
let user = 0;

beforeAll(async () => {
  t = await createTestCore();
});
afterAll(() => t.close());

const texts = async (id: string, text: string) => (await t.send(id, text)).map((m) => m.text).join('\n---\n');

/** A new patient at the main menu, in `lang`; with `pick`, the region of that number at the helplines question. */
const atMenu = (lang: 'english' | 'bangla' | 'hindi', pick?: string) => patientAtMenu((id, text) => t.send(id, text), `faq-numbers-${++user}`, lang, pick);

const OXYGEN = 'Should I buy an oxygen cylinder for home?';
const SPO2 = 'What oxygen level is dangerous?';

describe('the oxygen answers, through the real router', () => {
  it.each([
    ['8', 'Kuwait', 'call an ambulance (112).'],
    ['6', 'UAE', 'call an ambulance (998 (ambulance) or 999).'],
    ['9', 'Oman', 'call an ambulance (9999).'],
  ])('a patient of region %s (%s) is given their own ambulance number, not India\'s', async (pick, _name, sentence) => {
    const id = await atMenu('english', pick);
    const said = await texts(id, OXYGEN);
    expect(said).toContain(`If the oxygen level is below 90%, ${sentence}`);
    expect(said).not.toMatch(/\b108\b|\b997\b|India|Bangladesh|\{\{/);
  });

  it('a patient in India is still told 108', async () => {
    const id = await atMenu('english', '3');
    expect(await texts(id, SPO2)).toContain('Below 90% is an emergency: call an ambulance (108 (ambulance) or 112) or go to hospital now.');
  });

  it('in Bengali, for a worker in Qatar', async () => {
    const id = await atMenu('bangla', '7');
    const said = await texts(id, 'অক্সিজেন কত হলে বিপদ?');
    expect(said).toContain('এখনই অ্যাম্বুলেন্স ডাকুন (999) বা হাসপাতালে যান');
    expect(said).not.toMatch(/\b108\b|\b997\b|\{\{/);
  });

  it("before a region is known, every country's, grouped", async () => {
    const id = await atMenu('english');
    expect(await texts(id, SPO2)).toContain(
      'call an ambulance (India: 108 (ambulance) or 112; Bangladesh, Qatar, Bahrain: 999; Saudi Arabia: 997 (ambulance) or 911; UAE: 998 (ambulance) or 999; Kuwait: 112; Oman: 9999) or go to hospital now.',
    );
  });
});

describe('the placeholder', () => {
  const entry = (en: string) => ({ id: 'x', questions: { en: ['q?'] }, answers: { en }, source: 's', reviewed: '2026-12-07' });

  it('is accepted where an admin writes it', () => {
    expect(faqContentSchema.safeParse(entry('Call an ambulance ({{emergency}}) now.')).success).toBe(true);
  });

  it('any other is refused when saved, with an error naming it', () => {
    const r = faqContentSchema.safeParse(entry('Call {{emergncy}} or {{ ambulance }} now.'));
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join('.') === 'answers.en');
    expect(issue?.message).toContain('unknown placeholder {{emergncy}}, {{ambulance}}');
    expect(issue?.message).toContain('{{emergency}}');
  });

  it('admin text around it stays text: never read as a message key or a template', () => {
    expect(filledAnswer('A {{emergency}} b {{emergency}}', { emergency: { key: 'k' } })).toEqual({
      key: 'emergency.in_text',
      params: { before: 'A ', numbers: { key: 'k' }, after: { key: 'emergency.in_text', params: { before: ' b ', numbers: { key: 'k' }, after: '' } } },
    });
    expect(unknownPlaceholders('no placeholder, {single} braces')).toEqual([]);
  });
});

describe('the starter set', () => {
  const starter = parse(readFileSync(join(configDir, 'faq', 'starter.yaml'), 'utf8')) as { entries: Array<{ id: string; answers: Record<string, string> }> };
  const helplines = loadHelplines(join(configDir, 'helplines.yaml'));
  const emergencyNumbers = new Set(Object.values(helplines.regions).flatMap((r) => [r.ambulance, r.emergency]));

  it('types no ambulance or emergency number of config/helplines.yaml into an answer: {{emergency}} gives them', () => {
    const typed = starter.entries.flatMap((e) =>
      Object.entries(e.answers).flatMap(([lng, text]) =>
        [...emergencyNumbers].filter((n) => new RegExp(`(?<![\\d-])${n}(?![\\d-])`).test(text.normalize('NFKD'))).map((n) => `${e.id} (${lng}): ${n}`),
      ),
    );
    expect(typed).toEqual([]);
  });

  it('uses no placeholder but {{emergency}}', () => {
    expect(starter.entries.flatMap((e) => Object.values(e.answers).flatMap(unknownPlaceholders))).toEqual([]);
  });
});
