/**
 * `with:` arguments of `do:` actions are checked against the schema the action
 * declares: `list: symptom` in place of `list: symptoms` passed every check and
 * then failed the symptom check for every patient. A `$path` value is read from
 * the session and let through; an action without a schema takes anything, as before.
 */
import { z } from 'zod';
import { validateFlows, type ValidateContext } from '../../src/flows/validate';
import { ctx, fromSource } from './helpers';

const withSchema: ValidateContext = {
  ...ctx,
  actionArgs: new Map([['demo.check', z.object({ list: z.enum(['symptoms', 'conditions']), text: z.string().optional() })]]),
};

const flow = (action: string, args: string) =>
  fromSource('w.yaml', `id: w\nspec: 1\nstart: a\nstates:\n  a:\n    do: ${action}\n    with: ${args}\n    next: b\n  b: { say: demo.bye, end: true }\n`);

const check = (args: string, action = 'demo.check') => validateFlows([flow(action, args)], withSchema).map((e) => [e.field, e.message]);

describe('with: arguments of actions', () => {
  it('refuses a value the action does not take, at states.<s>.with.<arg>, with its line', () => {
    expect(validateFlows([flow('demo.check', '{ list: symptom }')], withSchema)).toEqual([
      {
        file: 'w.yaml',
        flow: 'w',
        state: 'a',
        field: 'with.list',
        line: 7,
        message: 'demo.check: must be one of "symptoms", "conditions", not "symptom" (did you mean "symptoms"?)',
      },
    ]);
  });

  it('refuses an argument the action does not have, once (not also "needs")', () => {
    expect(check('{ lst: symptoms }')).toEqual([['with.lst', 'demo.check takes no argument "lst" (did you mean "list"?)']]);
    expect(check('{ list: symptoms, colour: red }')).toEqual([['with.colour', 'demo.check takes no argument "colour" (it takes list, text)']]);
  });

  it('refuses a missing argument and a value of the wrong type', () => {
    expect(check('{ text: hello }')).toEqual([['with.list', 'demo.check needs "list"']]);
    expect(check('{ list: symptoms, text: 3 }')).toEqual([['with.text', 'demo.check: expected a string, got number 3']]);
  });

  it('lets $path values through: the session holds them when the state runs', () => {
    expect(check('{ list: $triage.which, text: $triage.q.symptoms_text }')).toEqual([]);
    expect(check('{ list: conditions }')).toEqual([]);
  });

  it('takes anything for an action that declares no schema, as before', () => {
    expect(check('{ region: $profile.region, whatever: 3 }', 'helplines.show')).toEqual([]);
  });
});
