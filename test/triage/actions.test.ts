/**
 * Every triage action, on its own, with the shipped config. A registry test
 * fails when an action is registered without cases here.
 */
import { join } from 'node:path';
import type { Input } from '../../src/engine/input';
import { getPath } from '../../src/engine/paths';
import { newSession, type Session } from '../../src/engine/session';
import type { Action } from '../../src/engine/services';
import { checkActionArgs } from '../../src/flows/action-args-check';
import { loadHelplines } from '../../src/helplines/directory';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { triageActions } from '../../src/triage/actions';
import { runAction } from '../support/action-context';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const NOW = Date.UTC(2021, 4, 1, 10, 0, 0);
const helplines = loadHelplines(join(configDir, 'helplines.yaml'));
const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const actions = new Map(triageActions(triage, helplines));
const interpret = createInterpreter(createTranslator(localesDir));

async function run(name: string, opts: { vars?: Record<string, unknown>; input?: Input | null; args?: Record<string, unknown>; now?: number } = {}) {
  const action = actions.get(name) as Action;
  const session: Session = { ...newSession(), vars: structuredClone(opts.vars ?? {}) };
  const events = await runAction(action, { session, interpret, actions, input: opts.input, args: opts.args, now: opts.now ?? NOW });
  return {
    get: (path: string) => getPath(session, path),
    said: events.flatMap((e) => (e.type === 'msg_created' ? [e.msg] : [])),
    events,
  };
}

const text = (t: string): Input => ({ kind: 'text', text: t });

const cases: Record<string, () => void> = {
  'triage.start': () => {
    it('forgets the answers of an earlier check, keeps its stored result, notes the start', async () => {
      const r = await run('triage.start', { vars: { triage: { q: { spo2: 88 }, level: 'emergency' } } });
      expect(r.get('triage.q')).toEqual({ started_at: NOW });
      expect(r.get('triage.level')).toBe('emergency');
    });
    it('takes along, once, the symptoms the first message named (known codes only)', async () => {
      const r = await run('triage.start', { vars: { triage: { noted_symptoms: ['fever', 'ebola', 'cough'] } } });
      expect(r.get('triage.q')).toEqual({ started_at: NOW, noted: ['fever', 'cough'] });
      expect(r.get('triage.noted_symptoms')).toBeNull();
      for (const noted of [[], null, 'fever', undefined]) {
        const none = await run('triage.start', { vars: { triage: { noted_symptoms: noted } } });
        expect({ noted, q: none.get('triage.q') }).toEqual({ noted, q: { started_at: NOW } });
      }
    });
    it('takes along, once, the readings stated with those symptoms (not without them)', async () => {
      const r = await run('triage.start', { vars: { triage: { noted_symptoms: ['fever'], noted_readings: { fever_days: 3, spo2: 'x' } } } });
      expect(r.get('triage.q')).toEqual({ started_at: NOW, noted: ['fever'], noted_readings: { fever_days: 3 } });
      expect(r.get('triage.noted_readings')).toBeNull();
      const alone = await run('triage.start', { vars: { triage: { noted_readings: { fever_days: 3 } } } });
      expect(alone.get('triage.q')).toEqual({ started_at: NOW });
      expect(alone.get('triage.noted_readings')).toBeNull();
    });
  },

  'triage.list': () => {
    it('says the symptom list from the config, numbered, with 0 for none', async () => {
      const r = await run('triage.list', { args: { list: 'symptoms' } });
      const options = (r.said[0]?.params?.options ?? []) as Array<{ key: string; params?: Record<string, unknown> }>;
      expect(r.said[0]?.key).toBe('triage.list.options');
      expect(options).toHaveLength(triage.config.symptomList.length + 1);
      expect(options[0]).toEqual({ key: 'triage.list.line', params: { n: 1, label: { key: 'triage.symptom.fever' } } });
      expect(options.at(-1)).toEqual({ key: 'triage.list.none' });
    });
    it('says the conditions list', async () => {
      const r = await run('triage.list', { args: { list: 'conditions' } });
      const options = r.said[0]?.params?.options as unknown[];
      expect(options[10]).toEqual({ key: 'triage.list.line', params: { n: 11, label: { key: 'triage.condition.immunocompromised' } } });
    });
    it('refuses an unknown list', async () => {
      await expect(run('triage.list', { args: { list: 'drugs' } })).rejects.toThrow(/"list" must be symptoms or conditions/);
    });
  },

  'triage.read_symptoms': () => {
    it('stores what it understood, the flags the flow branches on, and says it back', async () => {
      const r = await run('triage.read_symptoms', { args: { text: 'jor ar shash kosto' } });
      expect(r.get('triage.q')).toEqual({ parse: 'found', symptoms: ['fever', 'breathless'], has_symptoms: true, has_fever: true, has_breathless: true });
      expect(r.said).toEqual([
        {
          key: 'triage.understood',
          params: { list: [{ key: 'triage.list.item', params: { label: { key: 'triage.symptom.fever' } } }, { key: 'triage.list.item', params: { label: { key: 'triage.symptom.breathless' } } }] },
        },
      ]);
    });
    it('adds the symptoms noted from the first message to its first reading only, and says them back', async () => {
      const r = await run('triage.read_symptoms', { vars: { triage: { q: { noted: ['fever'] } } }, args: { text: 'kashi ache, gondho pacchi na' } });
      expect(r.get('triage.q')).toMatchObject({ symptoms: ['fever', 'cough', 'loss_of_smell'], has_fever: true, noted: null });
      expect((r.said[0]?.params?.list as unknown[]).length).toBe(3);
      // "None of these" after naming a fever: the fever is said back, for the patient to confirm or deny.
      const none = await run('triage.read_symptoms', { vars: { triage: { q: { noted: ['fever'] } } }, args: { text: '0' } });
      expect(none.get('triage.q')).toMatchObject({ symptoms: ['fever'], has_symptoms: true, has_fever: true });
      // "Nothing else", in any language: only the symptoms named at first.
      for (const text of ['aur kuch nahi', 'और कुछ नहीं', 'ar kichu nei', 'আর কিছু না', "that's all", 'nothing else', 'bas yahi hai', 'shudhu eta', 'শুধু এটাই', 'sirf yahi', '0', 'na']) {
        const only = await run('triage.read_symptoms', { vars: { triage: { q: { noted: ['fever', 'breathless'] } } }, args: { text } });
        expect({ text, q: only.get('triage.q') }).toMatchObject({ text, q: { parse: 'none', symptoms: ['fever', 'breathless'], has_breathless: true } });
      }
      // Read again (the patient said the list was wrong): their new answer stands alone.
      const again = await run('triage.read_symptoms', { vars: { triage: { q: { noted: null, symptoms: ['fever', 'cough'] } } }, args: { text: 'kashi' } });
      expect(again.get('triage.q.symptoms')).toEqual(['cough']);
    });
    it('"none" stores no symptoms', async () => {
      const r = await run('triage.read_symptoms', { args: { text: 'kuch nahi' } });
      expect(r.get('triage.q')).toEqual({ parse: 'none', symptoms: [], has_symptoms: false, has_fever: false, has_breathless: false });
      expect(r.said).toEqual([{ key: 'triage.understood_none' }]);
    });
    it('an answer it cannot read changes nothing but the parse status', async () => {
      const r = await run('triage.read_symptoms', { vars: { triage: { q: { symptoms: ['cough'] } } }, args: { text: 'hmm' } });
      expect(r.get('triage.q')).toEqual({ symptoms: ['cough'], parse: 'unclear', unclear_symptoms: 1 });
      expect(r.said).toEqual([]);
    });
    it('gives up on the third unclear answer in a row: the symptoms stay unknown, or are the ones named at first', async () => {
      const second = await run('triage.read_symptoms', { vars: { triage: { q: { unclear_symptoms: 1 } } }, args: { text: 'hmm' } });
      expect(second.get('triage.q')).toEqual({ parse: 'unclear', unclear_symptoms: 2 });
      const third = await run('triage.read_symptoms', { vars: { triage: { q: { unclear_symptoms: 2 } } }, args: { text: 'hmm' } });
      expect(third.get('triage.q')).toEqual({ parse: 'given_up', unclear_symptoms: 3, symptoms: null });
      expect(third.said).toEqual([]);
      const noted = await run('triage.read_symptoms', { vars: { triage: { q: { unclear_symptoms: 2, noted: ['fever'] } } }, args: { text: 'hmm' } });
      expect(noted.get('triage.q')).toMatchObject({ parse: 'given_up', symptoms: ['fever'], has_symptoms: true, has_fever: true });
      // A clear answer starts the count again.
      const clear = await run('triage.read_symptoms', { vars: { triage: { q: { unclear_symptoms: 2 } } }, args: { text: 'kashi' } });
      expect(clear.get('triage.q')).toMatchObject({ parse: 'found', unclear_symptoms: 0, symptoms: ['cough'] });
    });
    it('needs the saved answer', async () => {
      await expect(run('triage.read_symptoms', { args: {} })).rejects.toThrow(/"text" must be the saved answer/);
    });
    it('takes the readings stated with the first message as answers, says them back, and takes them back when read again', async () => {
      const line = (field: string, n: number) => ({ key: 'triage.list.item', params: { label: { key: `triage.stated.${field}`, params: { n } } } });
      const r = await run('triage.read_symptoms', { vars: { triage: { q: { noted: ['fever'], noted_readings: { fever_days: 3, age: 62 } } } }, args: { text: '0' } });
      expect(r.get('triage.q')).toMatchObject({ symptoms: ['fever'], fever_days: 3, age: 62, stated: ['fever_days', 'age'], noted_readings: null });
      expect(r.said[0]?.params?.list).toEqual([{ key: 'triage.list.item', params: { label: { key: 'triage.symptom.fever' } } }, line('fever_days', 3), line('age', 62)]);
      // The days of fever only with a fever.
      const cough = await run('triage.read_symptoms', { vars: { triage: { q: { noted: ['cough'], noted_readings: { fever_days: 3 } } } }, args: { text: '0' } });
      expect(cough.get('triage.q.fever_days')).toBeUndefined();
      // Read again after a "no": the readings are asked.
      const again = await run('triage.read_symptoms', { vars: { triage: { q: { symptoms: ['fever'], fever_days: 3, spo2: 96, age: 40, stated: ['fever_days'] } } }, args: { text: 'jor' } });
      expect(again.get('triage.q')).toEqual({ symptoms: ['fever'], spo2: 96, age: 40, parse: 'found', has_symptoms: true, has_fever: true, has_breathless: false });
    });
    it('takes no readings when the symptoms were given up on: nothing was said back to confirm, so their questions are asked', async () => {
      const vars = { triage: { q: { noted: ['fever'], noted_readings: { fever_days: 3 }, unclear_symptoms: 2 } } };
      const r = await run('triage.read_symptoms', { vars, args: { text: 'qwerty' } });
      expect(r.get('triage.q.parse')).toBe('given_up');
      expect(r.get('triage.q.fever_days')).toBeUndefined();
      expect(r.get('triage.q.noted_readings')).toBeNull();
    });
  },

  'triage.symptoms_unsure': () => {
    it('keeps the symptoms named, takes back the stated readings, and takes an unconfirmed "none" as not known', async () => {
      const r = await run('triage.symptoms_unsure', { vars: { triage: { q: { symptoms: ['fever'], has_symptoms: true, fever_days: 3, stated: ['fever_days'] } } } });
      expect(r.get('triage.q')).toEqual({ symptoms: ['fever'], has_symptoms: true });
      const none = await run('triage.symptoms_unsure', { vars: { triage: { q: { symptoms: [], has_symptoms: false } } } });
      expect(none.get('triage.q')).toEqual({ symptoms: null, has_symptoms: null });
    });
  },

  'triage.confirm_stated': () => {
    it('takes back the stated readings when the yes carries a number: it corrects them, and their questions are asked', async () => {
      const vars = { triage: { q: { symptoms: ['fever'], fever_days: 3, age: 40, stated: ['fever_days'] } } };
      for (const said of ['yes, but the fever is 5 days', 'haan, lekin bukhar 5 din se hai', 'হ্যাঁ, তবে জ্বর ৫ দিন']) {
        const r = await run('triage.confirm_stated', { vars, input: text(said) });
        expect({ said, q: r.get('triage.q') }).toEqual({ said, q: { symptoms: ['fever'], age: 40 } });
      }
    });
    it('forgets only the reading named again: "yes, but age 45" keeps the days', async () => {
      const r = await run('triage.confirm_stated', { vars: { triage: { q: { symptoms: ['fever'], fever_days: 3, age: 62, stated: ['fever_days', 'age'] } } }, input: text('yes, but age 45') });
      expect(r.get('triage.q')).toEqual({ symptoms: ['fever'], fever_days: 3, stated: ['fever_days'] });
    });
    it('keeps them after a plain yes, a yes typed as its number ("1" on WhatsApp), or a yes with another reading', async () => {
      for (const said of ['yes', 'haan', 'হ্যাঁ', '1', '১', 'haan, 96']) {
        const r = await run('triage.confirm_stated', { vars: { triage: { q: { symptoms: ['fever'], fever_days: 3, stated: ['fever_days'] } } }, input: text(said) });
        expect(r.get('triage.q')).toEqual({ symptoms: ['fever'], fever_days: 3, stated: ['fever_days'] });
      }
    });
  },

  'triage.forget_first_message': () => {
    it('forgets the symptoms and readings the first message named (consent was refused)', async () => {
      const r = await run('triage.forget_first_message', { vars: { triage: { first_symptoms: ['fever'], symptoms_in_message: true, first_readings: { fever_days: 3 } } } });
      expect(r.get('triage')).toEqual({ first_symptoms: null, symptoms_in_message: null, first_readings: null });
    });
  },

  'triage.notice_symptoms': () => {
    it('adds a symptom named in a later answer, with its flags, and says it back', async () => {
      const r = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['fever'], has_breathless: false } } }, input: text('3 days, and now breathing difficulty') });
      expect(r.get('triage.q')).toEqual({ symptoms: ['fever', 'breathless'], has_symptoms: true, has_fever: true, has_breathless: true });
      expect(r.said).toEqual([{ key: 'triage.also_noted', params: { list: [{ key: 'triage.list.item', params: { label: { key: 'triage.symptom.breathless' } } }] } }]);
    });
    it('marks a fever named after its days question (after_days), for the flow to ask them; not before it, nor when the days are known', async () => {
      const late = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['cough'] } } }, args: { after_days: true }, input: text('95, and fever too') });
      expect(late.get('triage.q.fever_late')).toBe(true);
      const early = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['cough'] } } }, input: text('yes, and fever too') });
      expect(early.get('triage.q.fever_late')).toBeUndefined();
      const known = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['cough'], fever_days: 2 } } }, args: { after_days: true }, input: text('95, and fever too') });
      expect(known.get('triage.q.fever_late')).toBeUndefined();
    });
    it('does nothing for a number alone, a button, a symptom already known, or a denied one', async () => {
      for (const input of [text('3'), text('৯৬'), { kind: 'choice', payload: 'skip' } as Input, text('3 din, bukhar'), text('3 days, no cough')]) {
        const r = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['fever'] } } }, input });
        expect({ input, q: r.get('triage.q'), said: r.said }).toEqual({ input, q: { symptoms: ['fever'] }, said: [] });
      }
    });
    it('reads the days said with a fever named late, and says them back: nothing is left for the flow to ask', async () => {
      for (const said of ['95, fever too, for 6 days', '95, bukhar bhi hai 6 din se', '৯৫, জ্বরও আছে ৬ দিন ধরে']) {
        const r = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['cough'] } } }, args: { after_days: true }, input: text(said) });
        expect({ said, q: r.get('triage.q') }).toEqual({ said, q: { symptoms: ['cough', 'fever'], has_symptoms: true, has_fever: true, has_breathless: false, fever_days: 6 } });
        const list = [
          { key: 'triage.list.item', params: { label: { key: 'triage.symptom.fever' } } },
          { key: 'triage.list.item', params: { label: { key: 'triage.stated.fever_days', params: { n: 6 } } } },
        ];
        expect(r.said).toEqual([{ key: 'triage.also_noted', params: { list } }]);
      }
    });
    it('leaves days that are unclear to the question: with another symptom named ("fever and headache for 6 days"), or known already', async () => {
      const two = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['cough'] } } }, args: { after_days: true }, input: text('95, fever and headache for 6 days') });
      expect(two.get('triage.q.fever_days')).toBeUndefined();
      expect(two.get('triage.q.fever_late')).toBe(true);
      const known = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['cough'], fever_days: 2 } } }, args: { after_days: true }, input: text('95, fever too, for 6 days') });
      expect(known.get('triage.q.fever_days')).toBe(2);
    });
    it('before the symptom list is answered, notes the symptom (and its days) for the list to keep', async () => {
      const r = await run('triage.notice_symptoms', { vars: { triage: { q: { noted: ['cough'], danger_signs: false } } }, input: text('no, but fever for 5 days') });
      expect(r.get('triage.q')).toEqual({ noted: ['cough', 'fever'], noted_readings: { fever_days: 5 }, danger_signs: false });
      expect(r.said[0]?.key).toBe('triage.also_noted');
    });
    it('marks breathlessness named after the breathing count was passed by (after_breathing), when the count was not asked', async () => {
      const late = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['cough'], spo2: 96 } } }, args: { after_days: true, after_breathing: true }, input: text('45, and breathless now') });
      expect(late.get('triage.q.breathless_late')).toBe(true);
      const before = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['cough'] } } }, args: { after_days: true }, input: text('95, and breathless now') });
      expect(before.get('triage.q.breathless_late')).toBeUndefined();
      const skipped = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: ['cough'], spo2: null, respiratory_rate: null } } }, args: { after_days: true, after_breathing: true }, input: text('45, and breathless now') });
      expect(skipped.get('triage.q.breathless_late')).toBeUndefined();
    });
    it('takes no symptom from the name of a long-term illness ("weak immunity" is no weakness)', async () => {
      for (const said of ['weak immunity', 'कमज़ोर इम्यूनिटी', 'kamzor immunity, aur khansi bhi']) {
        const r = await run('triage.notice_symptoms', { vars: { triage: { q: { symptoms: [] } } }, input: text(said) });
        expect({ said, symptoms: r.get('triage.q.symptoms') }).toEqual({ said, symptoms: said.includes('khansi') ? ['cough'] : [] });
      }
    });
  },

  'triage.late_fever_asked': () => {
    it('marks the days of a late fever as asked, so that they are not asked again', async () => {
      const r = await run('triage.late_fever_asked', { vars: { triage: { q: { symptoms: ['fever'], fever_late: true } } } });
      expect(r.get('triage.q')).toEqual({ symptoms: ['fever'], fever_late: false });
      const none = await run('triage.late_fever_asked', { vars: { triage: { q: { symptoms: ['fever'] } } } });
      expect(none.events).toEqual([]);
    });
  },

  'triage.read_conditions': () => {
    it('stores the conditions and notes them', async () => {
      const r = await run('triage.read_conditions', { args: { text: 'sugar aur bp' } });
      expect(r.get('triage.q.comorbidities')).toEqual(['diabetes', 'hypertension']);
      expect(r.said[0]?.key).toBe('triage.noted_conditions');
    });
    it('"0" is no condition', async () => {
      const r = await run('triage.read_conditions', { args: { text: '০' } });
      expect(r.get('triage.q.comorbidities')).toEqual([]);
      expect(r.said).toEqual([{ key: 'triage.noted_no_conditions' }]);
    });
    it('an unknown answer is unclear', async () => {
      const r = await run('triage.read_conditions', { args: { text: '42' } });
      expect(r.get('triage.q.parse')).toBe('unclear');
      const third = await run('triage.read_conditions', { vars: { triage: { q: { unclear_conditions: 2 } } }, args: { text: '42' } });
      expect(third.get('triage.q')).toEqual({ parse: 'given_up', unclear_conditions: 3 });
    });
  },

  'triage.check': () => {
    it('is urgent when the answers so far are an emergency', async () => {
      expect((await run('triage.check', { vars: { triage: { q: { spo2: 89 } } } })).get('triage.q.urgent')).toBe(true);
      expect((await run('triage.check', { vars: { triage: { q: { respiratory_rate: 31 } } } })).get('triage.q.urgent')).toBe(true);
    });
    it('is not urgent otherwise, and stores no result', async () => {
      const r = await run('triage.check', { vars: { triage: { q: { spo2: 90, symptoms: ['breathless'] } } } });
      expect(r.get('triage.q.urgent')).toBe(false);
      expect(r.get('triage.level')).toBeUndefined();
      expect(r.events.some((e) => e.type === 'triage_assessed')).toBe(false);
    });
  },

  'triage.assess': () => {
    it('stores level, reasons, answers and time, emits triage_assessed, and says the reasons', async () => {
      const q = { started_at: NOW - 60_000, symptoms: ['fever'], fever_days: 5, spo2: 96, age: 66, comorbidities: ['diabetes'], test_result: 'waiting', close_contact: false, danger_signs: false, parse: 'found' };
      const r = await run('triage.assess', { vars: { triage: { q } } });
      expect(r.get('triage.level')).toBe('doctor');
      expect(r.get('triage.reasons')).toEqual(['age_over_60', 'comorbidity', 'fever_over_3_days']);
      expect(r.get('triage.answers')).toEqual({ age: 66, symptoms: ['fever'], fever_days: 5, spo2: 96, comorbidities: ['diabetes'], close_contact: false, danger_signs: false });
      expect(r.get('triage.at')).toBe(NOW);
      expect(r.events).toContainEqual({ type: 'triage_assessed', level: 'doctor', reasons: ['age_over_60', 'comorbidity', 'fever_over_3_days'], how: 'questions' });
      expect(r.said).toEqual([
        {
          key: 'triage.result.doctor',
          params: {
            reasons: ['age_over_60', 'comorbidity', 'fever_over_3_days'].map((id) => ({ key: 'triage.reason_line', params: { text: { key: `triage.reason.${id}` } } })),
          },
        },
      ]);
    });
    it('maps the test result to covid_positive and ignores values that do not fit', async () => {
      const r = await run('triage.assess', { vars: { triage: { q: { test_result: 'positive', spo2: 'high', symptoms: ['cough', 'sneezing'], age: 300 } } } });
      expect(r.get('triage.answers')).toEqual({ symptoms: ['cough'], covid_positive: true });
      expect(r.get('triage.level')).toBe('home_isolation');
    });
  },

  'triage.red_flag': () => {
    it('stores the danger signs of the message as an emergency, with the answers of a check in progress', async () => {
      const q = { started_at: NOW - 5 * 60_000, symptoms: ['fever'], spo2: 95 };
      const r = await run('triage.red_flag', { vars: { triage: { q } }, input: text('buke betha korche') });
      expect(r.get('triage.level')).toBe('emergency');
      expect(r.get('triage.reasons')).toEqual(['chest_pain']);
      expect(r.get('triage.answers')).toEqual({ symptoms: ['fever', 'chest_pain'], spo2: 95 });
      expect(r.events).toContainEqual({ type: 'triage_assessed', level: 'emergency', reasons: ['chest_pain'], how: 'red_flag' });
      expect(r.said).toEqual([]);
    });
    it('leaves out the answers of a check started more than an hour ago', async () => {
      const q = { started_at: NOW - 61 * 60_000, symptoms: ['fever'], spo2: 85 };
      const r = await run('triage.red_flag', { vars: { triage: { q } }, input: text('सीने में दर्द') });
      expect(r.get('triage.answers')).toEqual({ symptoms: ['chest_pain'] });
      expect(r.get('triage.reasons')).toEqual(['chest_pain']);
    });
    it('stores nothing when the message names no danger sign ("ambulance", a button, a yes)', async () => {
      for (const input of [text('ambulance'), text('yes'), { kind: 'choice', payload: 'yes' } as Input, null]) {
        const r = await run('triage.red_flag', { vars: { triage: { level: 'doctor' } }, input });
        expect(r.get('triage.level')).toBe('doctor');
        expect(r.events).toEqual([]);
      }
    });
  },

  'triage.detect_red_flag': () => {
    it('flags a first message with a danger sign, and only such a message', async () => {
      expect((await run('triage.detect_red_flag', { input: text('শ্বাস নিতে পারছি না') })).get('triage.red_flag_in_message')).toBe(true);
      expect((await run('triage.detect_red_flag', { input: text('আমার জ্বর') })).get('triage.red_flag_in_message')).toBe(false);
      expect((await run('triage.detect_red_flag', { input: text('no chest pain') })).get('triage.red_flag_in_message')).toBe(false);
      expect((await run('triage.detect_red_flag', { input: { kind: 'media', mediaType: 'image', ref: 'x', caption: 'lips blue' } })).get('triage.red_flag_in_message')).toBe(true);
      expect((await run('triage.detect_red_flag', { input: null })).get('triage.red_flag_in_message')).toBe(false);
    });
  },

  'triage.note_first_symptoms': () => {
    it('notes the symptoms a first message names, in any language, without saying anything', async () => {
      for (const [msg, codes] of [
        ['আমার জ্বর', ['fever']],
        ['mujhe bukhar aur khansi hai', ['fever', 'cough']],
        ['मुझे बुखार है', ['fever']],
        ['Hi, I have a cough', ['cough']],
      ] as const) {
        const r = await run('triage.note_first_symptoms', { input: text(msg) });
        expect({ msg, codes: r.get('triage.first_symptoms'), found: r.get('triage.symptoms_in_message') }).toEqual({ msg, codes, found: true });
        expect(r.said).toEqual([]);
      }
    });
    it('notes none for a greeting, a denied symptom, a number, a button or no message', async () => {
      for (const input of [text('hello'), text('নমস্কার'), text('नमस्ते'), text('no fever'), text('bukhar nahi hai'), text('1'), { kind: 'choice', payload: 'yes' } as Input, null]) {
        const r = await run('triage.note_first_symptoms', { input });
        expect({ input, codes: r.get('triage.first_symptoms'), found: r.get('triage.symptoms_in_message') }).toEqual({ input, codes: [], found: false });
      }
    });
    it('reads a caption too', async () => {
      const r = await run('triage.note_first_symptoms', { input: { kind: 'media', mediaType: 'image', ref: 'x', caption: 'amar jor' } });
      expect(r.get('triage.first_symptoms')).toEqual(['fever']);
    });
    it('notes the readings stated with symptoms ("bukhar 102 hai 3 din se"), and forgets those of an earlier message', async () => {
      const r = await run('triage.note_first_symptoms', { input: text('bukhar 102 hai 3 din se') });
      expect(r.get('triage.first_readings')).toEqual({ fever_days: 3 });
      const later = await run('triage.note_first_symptoms', { vars: { triage: { first_readings: { fever_days: 3 } } }, input: text('oxygen 96 hai') });
      expect(later.get('triage.first_readings')).toBeNull();
    });
  },

  'triage.add_first_symptoms': () => {
    it('adds the symptoms a later message of the welcome names to the first message\'s', async () => {
      const r = await run('triage.add_first_symptoms', { vars: { triage: { first_symptoms: ['cough'], symptoms_in_message: true } }, input: text('aur bukhar bhi hai') });
      expect(r.get('triage.first_symptoms')).toEqual(['cough', 'fever']);
      expect(r.get('triage.symptoms_in_message')).toBe(true);
      expect(r.said).toEqual([]);
    });
    it('notes the symptoms and readings of a message after a first one that named none', async () => {
      const r = await run('triage.add_first_symptoms', { vars: { triage: { first_symptoms: [], symptoms_in_message: false } }, input: text('amar jor hoyeche 3 din dhore') });
      expect(r.get('triage.first_symptoms')).toEqual(['fever']);
      expect(r.get('triage.symptoms_in_message')).toBe(true);
      expect(r.get('triage.first_readings')).toEqual({ fever_days: 3 });
    });
    it('changes nothing for a message that names no symptom, or no message', async () => {
      for (const input of [text('what?'), text('no fever'), text('1'), null]) {
        const r = await run('triage.add_first_symptoms', { vars: { triage: { first_symptoms: ['cough'], symptoms_in_message: true } }, input });
        expect({ input, codes: r.get('triage.first_symptoms'), found: r.get('triage.symptoms_in_message') }).toEqual({ input, codes: ['cough'], found: true });
      }
    });
  },

  'triage.say_first_symptoms': () => {
    it('says back the noted symptoms as a list of their labels', async () => {
      const r = await run('triage.say_first_symptoms', { args: { symptoms: ['fever', 'cough'] } });
      expect(r.said).toEqual([
        {
          key: 'welcome.symptoms_mentioned',
          params: {
            list: [
              { key: 'triage.list.item', params: { label: { key: 'triage.symptom.fever' } } },
              { key: 'triage.list.item', params: { label: { key: 'triage.symptom.cough' } } },
            ],
          },
        },
      ]);
      expect(r.get('triage.noted_symptoms')).toEqual(['fever', 'cough']);
    });
    it('says nothing without a known symptom (none noted, an edited flow, an old session)', async () => {
      for (const symptoms of [[], undefined, 'fever', ['ebola'], null]) {
        expect((await run('triage.say_first_symptoms', { args: { symptoms } })).said).toEqual([]);
      }
      const r = await run('triage.say_first_symptoms', { args: { symptoms: ['ebola', 'headache'] } });
      expect(r.said[0]?.params?.list).toEqual([{ key: 'triage.list.item', params: { label: { key: 'triage.symptom.headache' } } }]);
    });
    it('says back the readings noted with them, and hands them to the check', async () => {
      const r = await run('triage.say_first_symptoms', { vars: { triage: { first_readings: { fever_days: 3 } } }, args: { symptoms: ['fever'] } });
      expect(r.said[0]?.params?.list).toEqual([
        { key: 'triage.list.item', params: { label: { key: 'triage.symptom.fever' } } },
        { key: 'triage.list.item', params: { label: { key: 'triage.stated.fever_days', params: { n: 3 } } } },
      ]);
      expect(r.get('triage.noted_readings')).toEqual({ fever_days: 3 });
    });
  },

  'emergency.advise': () => {
    it("gives the region's ambulance and emergency numbers when the region is known", async () => {
      const wb = await run('emergency.advise', { args: { region: 'in_wb' } });
      expect(wb.said).toEqual([{ key: 'emergency.call', params: { numbers: [{ key: 'emergency.number_two', params: { place: { key: 'region.in_wb' }, ambulance: '108', emergency: '112' } }] } }]);
      const bd = await run('emergency.advise', { args: { region: 'bd' } });
      expect(bd.said).toEqual([{ key: 'emergency.call', params: { numbers: [{ key: 'emergency.number_one', params: { place: { key: 'region.bd' }, number: '999' } }] } }]);
    });
    /** The other Gulf countries' numbers, after Saudi Arabia's, in config/triage.yaml's order. */
    const GULF = [
      { key: 'emergency.number_two', params: { place: { key: 'emergency.country.ae' }, ambulance: '998', emergency: '999' } },
      { key: 'emergency.number_one', params: { place: { key: 'emergency.country.qa' }, number: '999' } },
      { key: 'emergency.number_one', params: { place: { key: 'emergency.country.kw' }, number: '112' } },
      { key: 'emergency.number_one', params: { place: { key: 'emergency.country.om' }, number: '9999' } },
      { key: 'emergency.number_one', params: { place: { key: 'emergency.country.bh' }, number: '999' } },
    ];
    it('gives every served country when the region is not known, without asking: India, Bangladesh, Saudi Arabia, then the other Gulf countries', async () => {
      for (const region of [undefined, '', 'mars']) {
        const r = await run('emergency.advise', { args: region === undefined ? {} : { region } });
        expect(r.said).toEqual([
          {
            key: 'emergency.call',
            params: {
              numbers: [
                { key: 'emergency.number_two', params: { place: { key: 'emergency.country.in' }, ambulance: '108', emergency: '112' } },
                { key: 'emergency.number_one', params: { place: { key: 'emergency.country.bd' }, number: '999' } },
                { key: 'emergency.number_two', params: { place: { key: 'emergency.country.sa' }, ambulance: '997', emergency: '911' } },
                ...GULF,
              ],
            },
          },
        ]);
      }
    });
    it('puts the country of a recently shared location first, keeps every country\'s numbers, and a chosen region over it', async () => {
      const IN = { key: 'emergency.number_two', params: { place: { key: 'emergency.country.in' }, ambulance: '108', emergency: '112' } };
      const BD = { key: 'emergency.number_one', params: { place: { key: 'emergency.country.bd' }, number: '999' } };
      const SA = { key: 'emergency.number_two', params: { place: { key: 'emergency.country.sa' }, ambulance: '997', emergency: '911' } };
      const call = (numbers: unknown[]) => [{ key: 'emergency.call', params: { numbers: [...numbers, ...GULF] } }];
      // Shared an hour ago: a relative's pin, maybe. Saudi Arabia first; India and Bangladesh are still there.
      const riyadh = { beds: { location: { lat: 24.7136, lng: 46.6753 }, location_at: NOW - 3_600_000 } };
      expect((await run('emergency.advise', { vars: riyadh })).said).toEqual(call([SA, IN, BD]));
      const raipur = await run('emergency.advise', { vars: { beds: { location: { lat: 21.2514, lng: 81.6296 }, location_at: NOW - 3_600_000 } } });
      expect(raipur.said).toEqual(call([IN, BD, SA]));
      // Shared days ago, or with no time stored (an old session): it says nothing of where they are now.
      const stale = await run('emergency.advise', { vars: { beds: { location: { lat: 24.7136, lng: 46.6753 }, location_at: NOW - 3 * 24 * 3_600_000 } } });
      expect(stale.said).toEqual(call([IN, BD, SA]));
      const untimed = await run('emergency.advise', { vars: { beds: { location: { lat: 24.7136, lng: 46.6753 } } } });
      expect(untimed.said).toEqual(call([IN, BD, SA]));
      const bdOnly = [{ key: 'emergency.call', params: { numbers: [{ key: 'emergency.number_one', params: { place: { key: 'region.bd' }, number: '999' } }] } }];
      const chosen = await run('emergency.advise', { vars: { ...riyadh, profile: { region: 'bd' } }, args: { region: 'bd' } });
      expect(chosen.said).toEqual(bdOnly);
      // Chosen but not written into the flow: the patient's own region still.
      const chosenOnly = await run('emergency.advise', { vars: { ...riyadh, profile: { region: 'bd' } } });
      expect(chosenOnly.said).toEqual(bdOnly);
    });
  },
};

describe('the with: arguments the triage actions declare', () => {
  const problems = (name: string, args: Record<string, unknown>) => {
    const schema = actions.get(name)?.args;
    if (!schema) throw new Error(`${name} declares no arguments`);
    return checkActionArgs(name, schema, args).map((p) => `${p.path.join('.')}: ${p.message}`);
  };

  it('accepts what the shipped flows give, and refuses the list typo that failed every symptom check', () => {
    expect(problems('triage.list', { list: 'symptoms' })).toEqual([]);
    expect(problems('triage.list', { list: 'conditions' })).toEqual([]);
    expect(problems('triage.list', { list: 'symptom' })).toEqual(['list: triage.list: must be one of "symptoms", "conditions", not "symptom" (did you mean "symptoms"?)']);
    expect(problems('triage.read_symptoms', { text: '$triage.q.symptoms_text' })).toEqual([]);
    expect(problems('triage.read_conditions', {})).toEqual(['text: triage.read_conditions needs "text"']);
    expect(problems('triage.say_first_symptoms', { symptoms: '$triage.first_symptoms' })).toEqual([]);
    expect(problems('emergency.advise', { region: '$profile.region' })).toEqual([]);
    expect(problems('emergency.advise', {})).toEqual([]);
    expect(problems('emergency.advise', { region: 'bdd' })).toEqual([expect.stringMatching(/^region: .*did you mean "bd"/)]);
  });
});

describe('every registered triage action has cases here', () => {
  it.each([...actions.keys()])('%s', (name) => expect(Object.keys(cases)).toContain(name));
});

for (const [name, define] of Object.entries(cases)) describe(name, define);
