/**
 * A message a flow says must get every {{placeholder}} its string has, in every
 * language, or the patient reads "{{ambulance}}" as typed. Messages said by
 * actions get their values from code and are not checked here.
 */
import type { Language } from '../../src/engine/flow';
import { validateFlows, type ValidateContext } from '../../src/flows/validate';
import { ctx, fromSource } from './helpers';

/** demo.wait needs {{ambulance}} everywhere; demo.bye needs {{name}} in hi only (a broken translation). */
const strings: Record<string, Partial<Record<Language, string[]>>> = {
  'demo.wait': { bn: ['ambulance'], hi: ['ambulance'], en: ['ambulance'] },
  'demo.bye': { hi: ['name'] },
};
const withPlaceholders: ValidateContext = { ...ctx, placeholders: (key, lng) => strings[key]?.[lng] ?? [] };

const flow = (states: string) => fromSource('p.yaml', `id: p\nspec: 1\nstart: a\nstates:\n${states}`);

describe('placeholders of the messages a flow says', () => {
  it('refuses a message said without its placeholder (say: [help.text, beds.answer.call_first])', () => {
    const f = flow('  a:\n    say: [demo.hello, demo.wait]\n    end: true\n');
    expect(validateFlows([f], withPlaceholders)).toEqual([
      {
        file: 'p.yaml',
        flow: 'p',
        state: 'a',
        field: 'say[1]',
        line: 6,
        message: 'message "demo.wait" needs {{ambulance}}: give it in params (a value, or a "$path" read from the session)',
      },
    ]);
  });

  it('accepts the placeholder given as a value or as a $path', () => {
    const f = flow(
      '  a:\n    say: { key: demo.wait, params: { ambulance: "108" } }\n    ask: { key: demo.wait, params: { ambulance: $helplines.ambulance } }\n    expect: text\n    next: b\n  b: { say: { key: demo.bye, params: { name: $profile.name } }, end: true }\n',
    );
    expect(validateFlows([f], withPlaceholders)).toEqual([]);
  });

  it('checks a question and names the languages when not every one has the placeholder', () => {
    const f = flow('  a:\n    ask: { key: demo.wait, params: { ambulanse: "108" } }\n    expect: text\n    next: b\n  b: { say: demo.bye, end: true }\n');
    expect(validateFlows([f], withPlaceholders).map((e) => [e.state, e.field, e.message])).toEqual([
      ['a', 'ask.key', expect.stringMatching(/^message "demo.wait" needs \{\{ambulance\}\}: /)],
      ['b', 'say', expect.stringMatching(/^message "demo.bye" needs \{\{name\}\} in hi: /)],
    ]);
  });

  it('checks labels, skip and invalid messages, which the engine shows without params', () => {
    const f = flow('  a:\n    ask: demo.hello\n    expect: { choice: [ { value: x, label: demo.wait } ] }\n    skip: demo.wait\n    invalid: demo.wait\n    next: a\n');
    expect(validateFlows([f], withPlaceholders).map((e) => e.field)).toEqual(['expect.choice[0].label', 'skip', 'invalid']);
  });
});
