/**
 * The shipped flows against the real locales and the real action registry: they
 * pass, and the mistakes a reviewer made in them — each of which passed the checks
 * and then failed patients — are refused, with the file, state and field to fix.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadConfig } from '../../src/config';
import { registerActions } from '../../src/core';
import { builtinActions } from '../../src/engine/builtin-actions';
import type { FlowDef } from '../../src/engine/flow';
import { checkActionArgs } from '../../src/flows/action-args-check';
import { loadFlowFile, parseFlowSource } from '../../src/flows/load';
import { listFlowFiles } from '../../src/flows/registry';
import { validateFlows, type FlowToValidate } from '../../src/flows/validate';
import { validateContextOf } from '../../src/flows/validate-context';
import { createTranslator } from '../../src/i18n/translator';
import { flowsDir, localesDir } from '../../src/paths';
import { createTestCore } from '../support/core';

const dataDir = mkdtempSync(join(tmpdir(), 'sahay-flows-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const actions = new Map([...builtinActions, ...registerActions(loadConfig({ DATA_DIR: dataDir }))]);
const ctx = validateContextOf(createTranslator(localesDir), actions);

const shipped: FlowToValidate[] = listFlowFiles(flowsDir).map((file) => {
  const { flow, locate } = loadFlowFile(file);
  return { file: basename(file), flow: flow as FlowDef, locate };
});
const sourceOf = (id: string) => readFileSync(join(flowsDir, `${id}.yaml`), 'utf8');

/** The shipped set with one flow's YAML edited: what `sahay flows check` and the console see. */
function withEdit(id: string, edit: (yaml: string) => string) {
  const yaml = edit(sourceOf(id));
  expect(yaml).not.toBe(sourceOf(id));
  const parsed = parseFlowSource(yaml, `${id}.yaml`);
  expect(parsed.errors).toEqual([]);
  const edited = { file: `${id}.yaml`, flow: parsed.flow as FlowDef, locate: parsed.locate };
  return validateFlows([edited, ...shipped.filter((f) => f.flow.id !== id)], ctx);
}

describe('the shipped flows', () => {
  it('pass with the real locales and actions', () => {
    expect(shipped.length).toBeGreaterThan(10);
    expect(validateFlows(shipped, ctx)).toEqual([]);
  });

  it('name only actions that declare their arguments wherever they give `with:`', () => {
    const undeclared = shipped.flatMap(({ flow }) =>
      Object.values(flow.states).flatMap((s) => (s.do !== undefined && s.with !== undefined && !ctx.actionArgs.has(s.do) ? [s.do] : [])),
    );
    expect(undeclared).toEqual([]);
  });
});

describe('mistakes that passed the checks and then failed patients', () => {
  it('a help flow that calls itself (the help text a hundred times, then "Something went wrong")', () => {
    const errors = withEdit('help', (y) => y.replace('  done:\n    end: true\n', '  done:\n    call: help\n    next: again\n  again:\n    end: true\n'));
    expect(errors).toEqual([
      expect.objectContaining({ file: 'help.yaml', flow: 'help', state: 'show', field: 'next', message: expect.stringMatching(/^loop without an ask: show → done → \(call help\) show/) }),
    ]);
  });

  it('a message said without its placeholder (the patient read "{{ambulance}}")', () => {
    const errors = withEdit('help', (y) => y.replace('  done:\n    end: true\n', '  done:\n    say: [help.text, beds.answer.call_first]\n    end: true\n'));
    expect(errors).toEqual([
      expect.objectContaining({ file: 'help.yaml', state: 'done', field: 'say[1]', message: expect.stringMatching(/^message "beds.answer.call_first" needs \{\{ambulance\}\}/) }),
    ]);
  });

  it('a typo in the symptom list the triage flow asks for (every symptom check failed)', () => {
    const errors = withEdit('triage', (y) => y.replace('with: { list: symptoms }', 'with: { list: symptom }'));
    expect(errors).toEqual([
      expect.objectContaining({ file: 'triage.yaml', flow: 'triage', state: 'list_symptoms', field: 'with.list', line: sourceOf('triage').split('\n').findIndex((l) => l.includes('with: { list: symptoms }')) + 1, message: expect.stringMatching(/did you mean "symptoms"/) }),
    ]);
  });

  it('the console refuses the triage typo too: its check has the same locales and actions', async () => {
    const tc = await createTestCore();
    try {
      const result = tc.core.flowEditor.check('triage', sourceOf('triage').replace('with: { list: symptoms }', 'with: { list: symptom }'));
      expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ state: 'list_symptoms', field: 'with.list' })] });
      expect(tc.core.flowEditor.check('triage', sourceOf('triage')).ok).toBe(true);
    } finally {
      await tc.close();
    }
  });
});

/** A literal the action would misread, for every registered action that declares its arguments. */
const wrong: Record<string, { args: Record<string, unknown>; field: string }> = {
  'triage.list': { args: { list: 'symptom' }, field: 'list' },
  'triage.read_symptoms': { args: { txt: '$triage.q.symptoms_text' }, field: 'txt' },
  'triage.read_conditions': { args: {}, field: 'text' },
  'triage.say_first_symptoms': { args: { symptoms: 'fever' }, field: 'symptoms' },
  'triage.notice_symptoms': { args: { after_days: 'yes' }, field: 'after_days' },
  'emergency.advise': { args: { region: 'india' }, field: 'region' },
  'helplines.show': { args: { region: 'bdd' }, field: 'region' },
  'helplines.say_with_numbers': { args: { key: 'Help text' }, field: 'key' },
  // "yes" would not mark the region as read before consent: only `true` does.
  'helplines.region_in_message': { args: { before_consent: 'yes' }, field: 'before_consent' },
  'beds.resolve': { args: { by: 'distrct', text: '$beds.query' }, field: 'by' },
  'beds.find': { args: { target: '$beds.target', kind: 'oxgen' }, field: 'kind' },
  'faq.match': { args: { from_input: false }, field: 'from_input' },
  'faq.pick': { args: {}, field: 'reply' },
  'faq.show': { args: { entry: '$faq.entry', lang: 'english' }, field: 'lang' },
  'faq.try': { args: { question: 5 }, field: 'question' },
  'followup.request': { args: { slot: 'night' }, field: 'slot' },
  'handoff.request': { args: { kind: 'nurse' }, field: 'kind' },
  'handoff.ask_for': { args: { kind: 'nurse' }, field: 'kind' },
  'handoff.rate': { args: { rating: 7 }, field: 'rating' },
  'language.declined': { args: { lang: 'bengali' }, field: 'lang' },
  // "yes" would not add: only `true` keeps what the first message noted.
  'command.note': { args: { add: 'yes' }, field: 'add' },
  'faq.note_question': { args: { add: 'yes' }, field: 'add' },
};

describe('registered actions declare their with: arguments', () => {
  it('every action that declares them has a case here', () => {
    expect([...ctx.actionArgs.keys()].sort()).toEqual(Object.keys(wrong).sort());
  });

  it.each(Object.entries(wrong))('%s refuses a value it would misread', (name, { args, field }) => {
    const schema = ctx.actionArgs.get(name);
    expect(schema).toBeDefined();
    if (schema) expect(checkActionArgs(name, schema, args).map((p) => p.path)).toEqual([[field]]);
  });

  it('needs the argument that another one calls for', () => {
    const fields = (name: string, args: Record<string, unknown>) => checkActionArgs(name, ctx.actionArgs.get(name) as never, args).map((p) => p.path);
    expect(fields('beds.resolve', { by: 'location', text: '$beds.query' })).toEqual([['location']]);
    expect(fields('beds.resolve', { by: 'pincode' })).toEqual([['text']]);
    expect(fields('beds.resolve', { by: '$beds.how', location: '$beds.location' })).toEqual([]);
    expect(fields('faq.match', {})).toEqual([['question']]);
    expect(fields('faq.match', { from_input: true })).toEqual([]);
  });
});
