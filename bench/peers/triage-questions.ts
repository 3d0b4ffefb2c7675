/**
 * The symptom check of flows/triage.yaml written as code, for the peers
 * (Telegraf's WizardScene, Botkit's BotkitConversation): the same questions in
 * the same order, the same branches, the same texts in the patient's language
 * (our translator, i.e. i18next), and the same understanding of answers (our
 * interpreter, symptom and condition matchers, triage rules). So a peer does the
 * same domain work per message as our engine does, and the comparison measures
 * what differs: the conversation machinery and where its state lives.
 *
 * Each step handles the answer to its own question and names the step that
 * asks next; a peer keeps `TriageState` in its own session and sends the replies.
 * Simplifications (the bench's patients never reach them): an emergency says the
 * result and returns to the menu instead of running the emergency flow, and
 * "helplines" after the advice answers with the menu.
 */
import type { Config } from '../../src/config';
import type { ChoiceOption, Language, MessageRef } from '../../src/engine/flow';
import type { Interpreter } from '../../src/engine/services';
import { createInterpreter } from '../../src/i18n/interpreter';
import type { Translator } from '../../src/i18n/translator';
import { renderRef } from '../../src/router/render';
import { caseFromAnswers } from '../../src/triage/answers';
import { resultMessage } from '../../src/triage/assess-actions';
import { readListAnswer } from '../../src/triage/list-answer';
import { createTriage, withRedFlags, type Triage } from '../../src/triage';

export interface Reply {
  text: string;
  choices?: Array<{ payload: string; title: string }>;
}

export const STEPS = [
  'danger_signs',
  'symptoms',
  'confirm',
  'fever_days',
  'spo2',
  'respiratory_rate',
  'age',
  'pregnant',
  'conditions',
  'test',
  'close_contact',
  'next',
] as const;
export type Step = (typeof STEPS)[number];

/** Where the conversation goes after an answer: another question, or back to the main menu. */
export type Target = Step | 'menu';

/** The answers so far, as the flow keeps them under triage.q. */
export type TriageState = Record<string, unknown>;

export interface StepResult {
  replies: Reply[];
  /** The question now waiting (the same one again after an answer it did not understand). */
  next: Target;
}

const YES_NO: ChoiceOption[] = [
  { value: 'yes', label: 'common.yes' },
  { value: 'no', label: 'common.no' },
];
const SKIP = 'skip';
const TEST: ChoiceOption[] = ['positive', 'negative', 'waiting', 'not_tested'].map((v) => ({ value: v, label: `triage.test.${v}` }));
const NEXT: ChoiceOption[] = [
  { value: 'helplines', label: 'menu.option.helplines' },
  { value: 'menu', label: 'menu.back' },
];
const MENU: ChoiceOption[] = [
  { value: 'triage', label: 'triage.menu_entry' },
  { value: 'beds', label: 'beds.menu_option' },
  { value: 'faq', label: 'faq.menu_entry' },
  { value: 'helplines', label: 'menu.option.helplines' },
  { value: 'language', label: 'menu.option.language' },
  { value: 'about', label: 'menu.option.about' },
];
const ADVICE: Record<string, string[]> = {
  hospital: ['triage.advice.hospital', 'triage.advice.no_medicines'],
  doctor: ['triage.advice.doctor', 'triage.advice.warning_signs', 'triage.advice.no_medicines'],
  home_isolation: ['triage.advice.home_isolation', 'triage.advice.warning_signs', 'triage.advice.isolation_ends'],
  quarantine: ['triage.advice.quarantine', 'triage.advice.warning_signs'],
  self_care: ['triage.advice.self_care'],
};

export class TriageQuestions {
  private readonly interpret: Interpreter;
  private readonly triage: Triage;

  constructor(
    private readonly translator: Translator,
    config: Readonly<Config>,
  ) {
    this.triage = createTriage(config.triage);
    this.interpret = withRedFlags(createInterpreter(translator), this.triage.redFlags);
  }

  /** The main menu's question. */
  menu(lang: Language): Reply[] {
    return [this.ask('menu.ask', lang, MENU)];
  }

  /** Is this message the global "menu" word ("মেনু", "मेनू", "menu"), which leaves any question? */
  isMenuWord(text: string): boolean {
    return this.interpret.command(text) === 'menu';
  }

  /** Does this message pick "check my symptoms" on the main menu? */
  picksTriage(text: string): boolean {
    return this.interpret.choice(text, MENU) === 'triage';
  }

  /** Entering the check: the answers of an earlier one are forgotten; the first question. */
  start(lang: Language, state: TriageState): StepResult {
    for (const k of Object.keys(state)) delete state[k];
    state.started_at = Date.now();
    return { replies: [this.say('triage.intro', lang), this.ask('triage.ask.danger_signs', lang, YES_NO)], next: 'danger_signs' };
  }

  /** The answer `text` to the question of `step`. */
  answer(step: Step, text: string, lang: Language, q: TriageState): StepResult {
    switch (step) {
      case 'danger_signs':
        return this.yesNo(text, lang, step, q, (yes) => (yes ? this.assess(lang, q) : this.listThen('symptoms', lang)));
      case 'symptoms': {
        const read = readListAnswer(text, this.triage.config.symptomList, this.triage.symptoms, (t) => this.interpret.yesNo(t) === false);
        if (read.status === 'unclear') return this.listThen('symptoms', lang, [this.say('triage.invalid.symptoms', lang)]);
        const codes = read.status === 'found' ? read.codes : [];
        Object.assign(q, { symptoms: codes, has_symptoms: codes.length > 0, has_fever: codes.includes('fever'), has_breathless: codes.includes('breathless') || codes.includes('breathless_at_rest') });
        const said = understood('triage.understood', 'triage.understood_none', codes.map((c) => `triage.symptom.${c}`));
        return { replies: [this.render(said, lang), this.ask('triage.ask.confirm', lang, YES_NO)], next: 'confirm' };
      }
      case 'confirm':
        return this.yesNo(text, lang, step, q, (yes) => {
          if (!yes) return this.listThen('symptoms', lang, [this.say('triage.retry.symptoms', lang)]);
          return q.has_fever ? this.question('fever_days', lang) : this.question('spo2', lang);
        });
      case 'fever_days':
        return this.number(text, lang, step, q, { min: 0, max: 60, integer: true }, () => this.question('spo2', lang));
      case 'spo2':
        return this.number(text, lang, step, q, { min: 50, max: 100, skip: 'triage.option.no_oximeter' }, () => {
          if (this.urgent(q)) return this.assess(lang, q);
          if (q.has_breathless || (q.has_symptoms && q.spo2 === null)) return this.question('respiratory_rate', lang);
          return this.question('age', lang);
        });
      case 'respiratory_rate':
        return this.number(text, lang, step, q, { min: 5, max: 80, integer: true, skip: 'triage.option.cannot_count' }, () =>
          this.urgent(q) ? this.assess(lang, q) : this.question('age', lang),
        );
      case 'age':
        return this.number(text, lang, step, q, { min: 0, max: 120, integer: true }, () =>
          (q.age as number) >= 12 && (q.age as number) <= 55 ? this.question('pregnant', lang) : this.listThen('conditions', lang),
        );
      case 'pregnant':
        return this.yesNo(text, lang, step, q, () => this.listThen('conditions', lang));
      case 'conditions': {
        const read = readListAnswer(text, this.triage.config.conditionList, this.triage.conditions, (t) => this.interpret.yesNo(t) === false);
        if (read.status === 'unclear') return this.listThen('conditions', lang, [this.say('triage.invalid.conditions', lang)]);
        const codes = read.status === 'found' ? read.codes : [];
        q.comorbidities = codes;
        const said = understood('triage.noted_conditions', 'triage.noted_no_conditions', codes.map((c) => `triage.condition.${c}`));
        return { replies: [this.render(said, lang), this.ask('triage.ask.test', lang, TEST)], next: 'test' };
      }
      case 'test':
        return this.choice(text, lang, step, q, TEST, 'test_result', (v) => (v === 'positive' ? this.assess(lang, q) : this.question('close_contact', lang)));
      case 'close_contact':
        return this.yesNo(text, lang, step, q, () => this.assess(lang, q));
      case 'next':
        return this.choice(text, lang, step, q, NEXT, 'next', () => ({ replies: this.menu(lang), next: 'menu' }));
    }
  }

  private question(step: 'fever_days' | 'spo2' | 'respiratory_rate' | 'age' | 'pregnant' | 'close_contact', lang: Language): StepResult {
    const options: Record<typeof step, ChoiceOption[]> = {
      fever_days: [],
      spo2: [{ value: SKIP, label: 'triage.option.no_oximeter' }],
      respiratory_rate: [{ value: SKIP, label: 'triage.option.cannot_count' }],
      age: [],
      pregnant: YES_NO,
      close_contact: YES_NO,
    };
    return { replies: [this.ask(`triage.ask.${step}`, lang, options[step])], next: step };
  }

  /** The numbered list of symptoms or illnesses, then its question. */
  private listThen(which: 'symptoms' | 'conditions', lang: Language, before: Reply[] = []): StepResult {
    const [codes, prefix] = which === 'symptoms' ? [this.triage.config.symptomList, 'triage.symptom'] : [this.triage.config.conditionList, 'triage.condition'];
    const lines: MessageRef[] = codes.map((code, i) => ({ key: 'triage.list.line', params: { n: i + 1, label: { key: `${prefix}.${code}` } } }));
    lines.push({ key: 'triage.list.none' });
    return { replies: [...before, this.render({ key: 'triage.list.options', params: { options: lines } }, lang), this.say(`triage.ask.${which}`, lang)], next: which };
  }

  private assess(lang: Language, q: TriageState): StepResult {
    const result = this.triage.assess(caseFromAnswers(q));
    q.level = result.level;
    const replies = [this.render(resultMessage(result), lang)];
    if (result.level === 'emergency') return { replies: [...replies, ...this.menu(lang)], next: 'menu' };
    const advice = result.level === 'self_care' && q.close_contact === true ? 'quarantine' : result.level;
    for (const key of ADVICE[advice] ?? []) replies.push(this.say(key, lang));
    replies.push(this.ask('triage.ask.next', lang, NEXT));
    return { replies, next: 'next' };
  }

  private urgent(q: TriageState): boolean {
    return this.triage.assess(caseFromAnswers(q)).level === 'emergency';
  }

  private yesNo(text: string, lang: Language, step: Step, q: TriageState, then: (yes: boolean) => StepResult): StepResult {
    const picked = this.interpret.choice(text, YES_NO);
    const yes = picked !== null ? picked === 'yes' : this.interpret.yesNo(text);
    if (yes === null) return this.again(step, lang, { key: 'common.invalid.yes_no' });
    q[step] = yes;
    return then(yes);
  }

  private number(
    text: string,
    lang: Language,
    step: Step,
    q: TriageState,
    rule: { min: number; max: number; integer?: boolean; skip?: string },
    then: () => StepResult,
  ): StepResult {
    if (rule.skip && this.interpret.choice(text, [{ value: SKIP, label: rule.skip }]) === SKIP) {
      q[step] = null;
      return then();
    }
    const n = this.interpret.number(text);
    if (n === null || (rule.integer && !Number.isInteger(n))) return this.again(step, lang, { key: 'common.invalid.number' });
    if (n < rule.min || n > rule.max) return this.again(step, lang, { key: 'common.invalid.out_of_range', params: { min: rule.min, max: rule.max } });
    q[step] = n;
    return then();
  }

  private choice(text: string, lang: Language, step: Step, q: TriageState, options: ChoiceOption[], save: string, then: (value: string) => StepResult): StepResult {
    const picked = this.interpret.choice(text, options);
    if (picked === null) return this.again(step, lang, { key: 'common.invalid.choice' });
    q[save] = picked;
    return then(picked);
  }

  /** Not understood: say why and ask the same question again. */
  private again(step: Step, lang: Language, why: MessageRef): StepResult {
    const repeat = step === 'symptoms' || step === 'conditions' ? this.listThen(step, lang) : step === 'confirm' ? this.confirmAgain(lang) : this.askOf(step, lang);
    return { replies: [this.render(why, lang), ...repeat.replies], next: step };
  }

  private confirmAgain(lang: Language): StepResult {
    return { replies: [this.ask('triage.ask.confirm', lang, YES_NO)], next: 'confirm' };
  }

  private askOf(step: Step, lang: Language): StepResult {
    if (step === 'danger_signs') return { replies: [this.ask('triage.ask.danger_signs', lang, YES_NO)], next: step };
    if (step === 'test') return { replies: [this.ask('triage.ask.test', lang, TEST)], next: step };
    if (step === 'next') return { replies: [this.ask('triage.ask.next', lang, NEXT)], next: step };
    return this.question(step as Parameters<TriageQuestions['question']>[0], lang);
  }

  private t = (key: string, lng: Language, params?: Record<string, string | number>) => this.translator.t(key, lng, params);

  private render(ref: MessageRef, lang: Language): Reply {
    return { text: renderRef(ref, lang, this.t) };
  }

  private say(key: string, lang: Language): Reply {
    return { text: this.t(key, lang) };
  }

  private ask(key: string, lang: Language, options: readonly ChoiceOption[]): Reply {
    const reply: Reply = { text: this.t(key, lang) };
    if (options.length) reply.choices = options.map((o) => ({ payload: o.value, title: this.t(o.label, lang) }));
    return reply;
  }
}

function understood(key: string, noneKey: string, labels: string[]): MessageRef {
  if (!labels.length) return { key: noneKey };
  return { key, params: { list: labels.map((label) => ({ key: 'triage.list.item', params: { label: { key: label } } })) } };
}
