/**
 * Prometheus metrics (served at /metrics). One registry per process so that
 * tests can build several apps without "metric already registered" errors.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messagesIn: Counter<'channel'>;
  messagesOut: Counter<'channel'>;
  duplicatesDropped: Counter<'channel'>;
  sendFailures: Counter<'channel' | 'retryable'>;
  turnSeconds: Histogram<'channel'>;
  outboxPending: Gauge;
  engineFailures: Counter<'code'>;
  /** Messages stored without a turn because their conversation passed the flood guard's limit (src/router/flood-guard.ts). */
  floodHeld: Counter<'channel'>;
  /** Conversations held back: once per conversation and window, when its first message is held (and the notice goes out). */
  floodConversations: Counter<'channel'>;
  /** 1 for the WhatsApp link's current state (starting, waiting_for_qr, ready, disconnected), 0 for the others. */
  whatsappLinkState: Gauge<'state'>;
  whatsappRestarts: Counter<'reason'>;
  whatsappIgnored: Counter<'reason'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'sahay_' });
  const registers = [registry];
  return {
    registry,
    messagesIn: new Counter({ name: 'sahay_messages_in_total', help: 'Inbound messages accepted, per channel', labelNames: ['channel'], registers }),
    messagesOut: new Counter({ name: 'sahay_messages_out_total', help: 'Outbound messages delivered, per channel', labelNames: ['channel'], registers }),
    duplicatesDropped: new Counter({ name: 'sahay_duplicates_dropped_total', help: 'Inbound messages dropped as duplicates', labelNames: ['channel'], registers }),
    sendFailures: new Counter({ name: 'sahay_send_failures_total', help: 'Failed delivery attempts', labelNames: ['channel', 'retryable'], registers }),
    turnSeconds: new Histogram({
      name: 'sahay_turn_seconds',
      help: 'Time from receiving a message to committing its turn',
      labelNames: ['channel'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    outboxPending: new Gauge({ name: 'sahay_outbox_pending', help: 'Outbound messages committed but not yet delivered', registers }),
    engineFailures: new Counter({ name: 'sahay_engine_failures_total', help: 'Failure events from flow content (step limit, missing state...)', labelNames: ['code'], registers }),
    floodHeld: new Counter({ name: 'sahay_flood_held_total', help: 'Inbound messages stored but not answered: their conversation sent more than FLOOD_MAX_MESSAGES_PER_MINUTE', labelNames: ['channel'], registers }),
    floodConversations: new Counter({ name: 'sahay_flood_conversations_total', help: 'Conversations held back by the flood guard (once per conversation and minute window)', labelNames: ['channel'], registers }),
    whatsappLinkState: new Gauge({ name: 'sahay_whatsapp_link_state', help: 'WhatsApp link state: 1 for the current one', labelNames: ['state'], registers }),
    whatsappRestarts: new Counter({ name: 'sahay_whatsapp_restarts_total', help: 'WhatsApp client restarts, by what caused them', labelNames: ['reason'], registers }),
    whatsappIgnored: new Counter({ name: 'sahay_whatsapp_ignored_total', help: 'WhatsApp messages and calls ignored (own, group, status, call...)', labelNames: ['reason'], registers }),
  };
}
