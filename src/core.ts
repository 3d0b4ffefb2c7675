/**
 * The parts every entry point shares — translator, flows, store, engine, router,
 * outbox — assembled from a Config. Channels are added by the caller (src/main.ts
 * for the service and the terminal chat, tests for their recording channels).
 */
import { newRecordId } from './ids';
import { join } from 'node:path';
import type { Channel } from './channels/channel';
import type { Config } from './config';
import { Engine } from './engine/engine';
import { builtinActions } from './engine/builtin-actions';
import type { Action, Services } from './engine/services';
import { FlowLoadError } from './flows/flow-error';
import { loadFlowDir } from './flows/registry';
import { validateContextOf } from './flows/validate-context';
import type { FlowRegistry } from './flows/registry';
import { sayWithNumbersAction } from './helplines/say-with-numbers-action';
import { helplinesShowAction } from './helplines/show-action';
import { regionInMessageAction } from './helplines/region-in-message-action';
import { createInterpreter } from './i18n/interpreter';
import { createTranslator, type Translator } from './i18n/translator';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import { localesDir } from './paths';
import type { ChannelName } from './router/message';
import { FloodGuard } from './router/flood-guard';
import { OutboxDeliverer } from './router/outbox';
import { Router } from './router/router';
import type { Store } from './storage/repositories';
import { openStore, storeOptionsFor } from './storage/open-store';
import { createTriage, triageActions, withRedFlags, type Triage } from './triage';
import { crisisActions, crisisDetector, withCrisis } from './crisis';
import { bedsActions } from './beds/actions';
import { menuWordsOf } from './beds/menu-words';
import { BedsService } from './beds/service';
import { faqActions } from './faq/actions';
import { FaqService } from './faq/faq-service';
import { FlowEditor } from './flow-editing/flow-editor';
import { silentLogger } from './log';
import { followupActions } from './followup/actions';
import { followupOnTurn } from './followup/on-turn';
import { FollowupService } from './followup/service';
import { handoffActions } from './handoff/actions';
import { HandoffService } from './handoff/service';
import { handoffTurnHooks } from './handoff/turn-hooks';

export interface Core {
  config: Readonly<Config>;
  store: Store;
  translator: Translator;
  flows: FlowRegistry;
  engine: Engine;
  router: Router;
  outbox: OutboxDeliverer;
  /** Filled by the caller; the outbox reads it at delivery time. */
  channels: Map<ChannelName, Channel>;
  log: Logger;
  metrics: Metrics;
  /** Hospitals and bed search (src/beds/): imports, desk updates, the index the chat searches. */
  beds: BedsService;
  /** FAQ entries and matching (src/faq/): the bot's answers, `sahay faq match`, the console. */
  faq: FaqService;
  /** Admin-edited flows (src/flow-editing/): check, publish and roll back versions kept in the store. */
  flowEditor: FlowEditor;
  /** Hand-off to people (src/handoff/): tickets, queues, the live queue's news, estimates. */
  handoff: HandoffService;
  /** Daily check-ins for patients in home isolation (src/followup/): enrolment, the runner's tick, operators' changes. */
  followup: FollowupService;
  close(): Promise<void>;
}

export interface CoreOptions {
  log: Logger;
  metrics: Metrics;
  /** Defaults to MongoDB when MONGODB_URI is set, else the SQLite file under DATA_DIR. */
  store?: Store;
  now?: () => number;
  newId?: () => string;
}

/** Every action a flow may name with `do:`. */
export function registerActions(
  config: Readonly<Config>,
  triage: Triage = createTriage(config.triage),
  // Without a store attached the beds actions find nothing: enough for `sahay flows check`.
  beds: BedsService = new BedsService({ config, now: Date.now, newId: newRecordId, log: silentLogger }),
  // Without a store attached the FAQ actions fail: enough for `sahay flows check`.
  faq: FaqService = new FaqService({ config: config.faq }),
  // Without a store attached the hand-off actions fail: enough for `sahay flows check`.
  handoff: HandoffService = new HandoffService({ config: config.handoff, helplines: config.helplines, now: Date.now, newId: newRecordId, log: silentLogger }),
  // The words the interpreter reads requests with, which the bed search reads a bed request with
  // too: from the interpreter's own translator, so that a service on other locales reads its own.
  translator: Translator = createTranslator(localesDir),
): Map<string, Action> {
  return new Map<string, Action>([
    ['helplines.show', helplinesShowAction(config.helplines)],
    ['helplines.region_in_message', regionInMessageAction(config.helplines, translator)],
    ['helplines.say_with_numbers', sayWithNumbersAction(config.helplines, config.triage.emergencyRegionsWhenUnknown)],
    ...triageActions(triage, config.helplines),
    ...crisisActions(config.helplines),
    ...bedsActions(beds, menuWordsOf(translator)),
    ...faqActions(faq),
    ...followupActions(triage),
    ...handoffActions(handoff, config.helplines, { timeZones: config.followup.timeZones, unknownRegions: config.triage.emergencyRegionsWhenUnknown }),
  ]);
}

export async function buildCore(config: Readonly<Config>, opts: CoreOptions): Promise<Core> {
  const { log, metrics } = opts;
  const now = opts.now ?? Date.now;
  const newId = opts.newId ?? newRecordId;
  const translator = createTranslator(localesDir);
  const triage = createTriage(config.triage);
  const beds = new BedsService({ config, now, newId, log });
  const faq = new FaqService({ config: config.faq, now });
  const handoff = new HandoffService({ config: config.handoff, helplines: config.helplines, now, newId, log });
  const actions = registerActions(config, triage, beds, faq, handoff, translator);
  const flowCheck = validateContextOf(translator, new Map([...builtinActions, ...actions]));

  const { registry, errors } = loadFlowDir(config.flowsDir, flowCheck);
  if (errors.length) throw new FlowLoadError(errors);

  // MONGODB_URI selects MongoDB; otherwise the SQLite file under DATA_DIR.
  const store = opts.store ?? (await openStore(storeOptionsFor(config)));
  await beds.attach(store);
  // Seeds the starter FAQ into a store that does not have it yet.
  await faq.attach(store);
  // Keep every version a conversation may be running on, across restarts and edits.
  const startedAt = now();
  await store.flowVersions.saveAll(registry.all().map((flow) => ({ flowId: flow.id, version: flow.version, definition: flow, createdAt: startedAt })));
  for (const id of registry.ids()) {
    for (const stored of await store.flowVersions.list(id)) {
      if (!registry.get(id, stored.version)) registry.addOld(stored.definition as never);
    }
  }
  // What admins published in the console replaces the shipped files for new conversations.
  const flowEditor = new FlowEditor({ store, registry, ctx: flowCheck, flowsDir: config.flowsDir, now, log });
  await flowEditor.sync();

  // A red flag typed anywhere ("can't breathe", "বুকে ব্যথা") is a global word that starts the emergency flow;
  // thoughts of suicide or self-harm ("I want to kill myself", "আর বাঁচতে চাই না") one that starts the
  // crisis reply, and a request for a counsellor the counsellors' queue (src/crisis/). Red flags first:
  // the emergency's ticket brings a person at once, who reads the whole message.
  const interpret = withCrisis(withRedFlags(createInterpreter(translator), triage.redFlags), crisisDetector(translator));
  const services: Services = { now, flows: registry, interpret, actions };
  const engine = new Engine(services, { ...config.engine });
  const channels = new Map<ChannelName, Channel>();
  const outbox = new OutboxDeliverer({ store, channels, now, log, metrics, options: { maxAttempts: config.outbox.maxAttempts } });
  const router = new Router({
    store,
    engine,
    translate: (key, lng, params) => translator.t(key, lng, params),
    outbox,
    now,
    newId,
    log,
    metrics,
    defaultLanguage: config.defaultLanguage,
    maxInputChars: config.maxInputChars,
    // While a person has the chat the bot stays silent; hand-off events become tickets in the turn's commit.
    hooks: handoffTurnHooks({ handoff, interpret: services.interpret, newId, defaultLanguage: config.defaultLanguage }),
    // A conversation that writes faster than FLOOD_MAX_MESSAGES_PER_MINUTE is stored, not answered (0: no guard).
    // It reads red flags as the engine does: a danger sign is still answered.
    ...(config.flood.maxPerMinute > 0 ? { flood: new FloodGuard({ maxPerMinute: config.flood.maxPerMinute, interpret: services.interpret }) } : {}),
  });
  // The bot taking a chat back from a person runs flows/handoff_feedback.yaml on the session at once.
  const feedback = new Engine(services, { ...config.engine, entryFlow: 'handoff_feedback' });
  handoff.attach({ store, translate: (key, lng, params) => translator.t(key, lng, params), feedback, outbox, defaultLanguage: config.defaultLanguage });

  const followup = new FollowupService({ store, router, config: config.followup, handoff: config.handoff, now, newId, log, homeFlow: config.engine.homeFlow });
  router.onCommitted = followupOnTurn(followup);

  return {
    config,
    store,
    translator,
    flows: registry,
    engine,
    router,
    outbox,
    channels,
    log,
    metrics,
    beds,
    faq,
    flowEditor,
    handoff,
    followup,
    async close() {
      await outbox.stop();
      await Promise.all([...channels.values()].map((c) => c.stop?.()));
      await store.close();
    },
  };
}

/** Where the terminal chat keeps its user id between runs (so `npm run chat` continues). */
export function terminalUserFile(config: Readonly<Config>): string {
  return join(config.dataDir, 'terminal-user');
}
