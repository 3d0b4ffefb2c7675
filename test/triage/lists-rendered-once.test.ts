/**
 * The symptom check's lists are made once and deep-frozen (answer-actions.ts, assess-actions.ts),
 * and the router keeps the text of a frozen message (src/router/render.ts): what it says must be
 * what rendering a fresh copy says, in each language, for each translation.
 */
import { join } from 'node:path';
import type { Language, MessageRef } from '../../src/engine/flow';
import { frozenRef } from '../../src/engine/flow';
import { newSession } from '../../src/engine/session';
import type { Action } from '../../src/engine/services';
import { loadHelplines } from '../../src/helplines/directory';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { renderRef, type Translate } from '../../src/router/render';
import { triageActions } from '../../src/triage/actions';
import { bulletList } from '../../src/triage/answer-actions';
import { resultMessage } from '../../src/triage/assess-actions';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';
import { runAction } from '../support/action-context';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const actions = new Map(triageActions(triage, loadHelplines(join(configDir, 'helplines.yaml'))));
const translator = createTranslator(localesDir);
const interpret = createInterpreter(translator);
const t: Translate = (key, lng, params) => translator.t(key, lng, params);
const LANGS: Language[] = ['bn', 'hi', 'en'];

async function listSaid(list: string): Promise<MessageRef> {
  const events = await runAction(actions.get('triage.list') as Action, { session: newSession(), interpret, actions, args: { list } });
  const said = events.flatMap((e) => (e.type === 'msg_created' ? [e.msg] : []));
  expect(said).toHaveLength(1);
  return said[0]!;
}

/** The same message, every object new and unfrozen: rendered the long way, at every call. */
const fresh = (ref: MessageRef): MessageRef => structuredClone(ref);

describe('lists made once, rendered once', () => {
  it('says the same deep-frozen list at every turn, rendered as a fresh copy is, in each language', async () => {
    for (const list of ['symptoms', 'conditions']) {
      const first = await listSaid(list);
      expect(await listSaid(list)).toBe(first);
      expect(Object.isFrozen(first) && Object.isFrozen(first.params)).toBe(true);
      const lines = first.params!.options as MessageRef[];
      expect(Object.isFrozen(lines) && lines.every((l) => Object.isFrozen(l))).toBe(true);
      for (const lang of LANGS) {
        const text = renderRef(first, lang, t);
        expect(text).toBe(renderRef(fresh(first), lang, t));
        expect(renderRef(first, lang, t)).toBe(text);
      }
      // The languages' texts differ, so each was rendered in its own.
      expect(new Set(LANGS.map((lang) => renderRef(first, lang, t))).size).toBe(3);
    }
  });

  it('keeps bullet items and reasons once per key, frozen, rendered as fresh copies are', () => {
    const items = bulletList(['triage.symptom.fever', 'triage.symptom.cough']);
    expect(bulletList(['triage.symptom.fever'])[0]).toBe(items[0]);
    const said = resultMessage({ level: 'doctor', reasons: ['spo2_below_90'] } as unknown as Parameters<typeof resultMessage>[0]);
    const again = resultMessage({ level: 'doctor', reasons: ['spo2_below_90'] } as unknown as Parameters<typeof resultMessage>[0]);
    expect((again.params!.reasons as MessageRef[])[0]).toBe((said.params!.reasons as MessageRef[])[0]);
    for (const lang of LANGS) {
      const understood = { key: 'triage.understood', params: { list: items } };
      expect(renderRef(understood, lang, t)).toBe(renderRef(fresh(understood), lang, t));
      expect(renderRef(said, lang, t)).toBe(renderRef(fresh(said), lang, t));
    }
  });

  it('keeps a text per translation: another translation renders the same frozen message anew', () => {
    const ref = frozenRef('triage.list.item', { label: frozenRef('triage.symptom.fever') });
    const shout: Translate = (key, lng, params) => t(key, lng, params).toUpperCase();
    const plain = renderRef(ref, 'en', t);
    expect(renderRef(ref, 'en', shout)).toBe(plain.toUpperCase());
    expect(renderRef(ref, 'en', t)).toBe(plain);
  });

  it('renders an unfrozen message anew at every call (it may have changed)', () => {
    const ref: MessageRef = { key: 'triage.list.item', params: { label: { key: 'triage.symptom.fever' } } };
    const before = renderRef(ref, 'en', t);
    (ref.params!.label as MessageRef).key = 'triage.symptom.cough';
    expect(renderRef(ref, 'en', t)).not.toBe(before);
    expect(renderRef(ref, 'en', t)).toBe(renderRef({ key: 'triage.list.item', params: { label: { key: 'triage.symptom.cough' } } }, 'en', t));
  });
});
