/**
 * A real core (router, engine, shipped flows, translator, SQLite in a temp folder)
 * with the real WhatsApp channel on a fake client: patients "type" recorded
 * whatsapp-web.js message shapes and read the texts exactly as WhatsApp would
 * show them.
 */
import { whatsappCoreHooks } from '../../../src/channels/whatsapp/core-hooks';
import { deliverWaiting } from '../../../src/channels/whatsapp/deliver-waiting';
import type { ChooseHints } from '../../../src/channels/whatsapp/render';
import { createUserRef } from '../../../src/channels/whatsapp/user-ref';
import { WhatsAppChannel } from '../../../src/channels/whatsapp/whatsapp-channel';
import type { Language } from '../../../src/engine/flow';
import { getPath } from '../../../src/engine/paths';
import { silentLogger } from '../../../src/log';
import { createTestCore, type TestCore } from '../../support/core';
import type { WaMessage } from '../../../src/channels/whatsapp/client';
import { fakeFactory, type FakeClient, type SentMessage } from './fake-client';
import { variant } from './fixtures';
import { existingConversation } from '../../support/conversation';

export interface WhatsAppWorld {
  t: TestCore;
  channel: WhatsAppChannel;
  clients: FakeClient[];
  hints: ChooseHints;
  tr(key: string, lng: Language, params?: Record<string, string | number>): string;
  patient(jid: string, lang: Language): Patient;
  /** Wait until every turn started so far is committed and its replies sent (or stored). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface Patient {
  jid: string;
  /** Send a text (as a recorded `chat` message from this patient) or any message shape; returns what WhatsApp showed them. */
  say(message: string | WaMessage): Promise<string[]>;
  /** The number in front of the option `titleKey` in the last numbered list this patient was shown, in their digits. */
  pick(titleKey: string): string;
  /** A variable of their stored session. */
  session(path: string): Promise<unknown>;
  /** Everything shown to this patient so far. */
  shown: string[];
  /** The same, as sent (with WhatsApp's id for each, which a reply quoting it names). */
  sent: SentMessage[];
  /**
   * What was shown since the last say() or flush(), once nothing more comes: for what the
   * channel sends outside a turn (the notice for a reply quoting an earlier list).
   */
  flush(): Promise<string[]>;
}

const DIGITS: Record<Language, string> = { bn: '০১২৩৪৫৬৭৮৯', hi: '०१२३४५६७८९', en: '0123456789' };

/** "12" in the patient's digits: Bengali patients type ১২, Hindi patients १२. */
export function digits(n: number | string, lang: Language): string {
  return String(n).replace(/\d/g, (d) => DIGITS[lang][Number(d)]!);
}

export async function whatsappWorld(): Promise<WhatsAppWorld> {
  const t = await createTestCore();
  const tr = (key: string, lng: Language, params?: Record<string, string | number>) => t.core.translator.t(key, lng, params);
  const hints: ChooseHints = { bn: tr('common.choose_hint', 'bn'), hi: tr('common.choose_hint', 'hi'), en: tr('common.choose_hint', 'en') };
  const { factory, clients } = fakeFactory();
  const channel = new WhatsAppChannel({
    factory,
    log: silentLogger,
    metrics: t.core.metrics,
    userRef: createUserRef('transcript-secret-0123456789'),
    pacing: { gapMs: 0, jitterMs: 0, perMinute: 10_000 },
    initTimeoutMs: 10_000,
    restartMinMs: 200,
    restartMaxMs: 200,
    healthCheckMs: 0,
    hints,
    onLinked: () => void deliverWaiting(t.core.store, t.core.outbox),
    // As main.ts wires it.
    ...whatsappCoreHooks(t.core),
  });
  t.core.channels.set('whatsapp', channel);
  let turns: Array<Promise<unknown>> = [];
  await channel.start(async (message) => {
    const turn = t.core.router.handle(message);
    turns.push(turn);
    await turn;
  });
  const client = () => clients[clients.length - 1]!;
  client().link();

  const settle = async () => {
    while (turns.length) {
      const now = turns;
      turns = [];
      await Promise.all(now);
    }
  };

  return {
    t,
    channel,
    clients,
    hints,
    tr,
    settle,
    patient(jid, lang) {
      let read = 0;
      const shown: string[] = [];
      const sent: SentMessage[] = [];
      const sync = () => {
        const mine = clients.flatMap((c) => c.sent).filter((s) => s.chatId === jid);
        sent.push(...mine.slice(sent.length));
        shown.push(...mine.slice(shown.length).map((s) => s.text));
      };
      return {
        jid,
        shown,
        sent,
        async say(message) {
          t.clock.now += 1000;
          client().receive(typeof message === 'string' ? variant('text', { body: message }, jid) : message);
          await settle();
          sync();
          const fresh = shown.slice(read);
          read = shown.length;
          return fresh;
        },
        async flush() {
          const count = () => clients.flatMap((c) => c.sent).filter((s) => s.chatId === jid).length;
          // Until the count has stood still for a few ticks (at most 2 s).
          for (let still = 0, last = count(), i = 0; still < 4 && i < 400; i++) {
            await new Promise((r) => setTimeout(r, 5));
            const now = count();
            still = now === last ? still + 1 : 0;
            last = now;
          }
          await settle();
          sync();
          const fresh = shown.slice(read);
          read = shown.length;
          return fresh;
        },
        pick(titleKey) {
          const title = tr(titleKey, lang);
          const last = [...shown].reverse().find((text) => /^1\. /m.test(text));
          const line = last?.split('\n').find((l) => l.endsWith(`. ${title}`));
          if (!line) throw new Error(`"${title}" is not in the last list shown to ${jid}:\n${last ?? '(no list yet)'}`);
          return digits(line.slice(0, line.indexOf('.')), lang);
        },
        async session(path) {
          const conversation = await existingConversation(t.core.store, 'whatsapp', jid);
          return getPath(conversation.session, path);
        },
      };
    },
    async close() {
      await channel.stop();
      await t.close();
    },
  };
}
