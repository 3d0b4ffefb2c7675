/** Builds a WhatsAppChannel on fake clients, with its logs captured and metrics readable. */
import { createUserRef } from '../../../src/channels/whatsapp/user-ref';
import { WhatsAppChannel, type WhatsAppChannelOptions } from '../../../src/channels/whatsapp/whatsapp-channel';
import { createLogger } from '../../../src/log';
import { createMetrics, type Metrics } from '../../../src/metrics';
import type { InboundMessage } from '../../../src/router/message';
import { fakeFactory, type FakeClient } from './fake-client';

export interface Harness {
  channel: WhatsAppChannel;
  /** Every client the channel made, newest last. */
  clients: FakeClient[];
  /** The current (newest) client. */
  client(): FakeClient;
  /** Everything logged, as parsed JSON lines, and as raw text. */
  logs(): Array<Record<string, unknown>>;
  rawLogs(): string;
  metrics: Metrics;
  received: InboundMessage[];
  qrOut: string[];
  start(handler?: (m: InboundMessage) => Promise<void>): Promise<void>;
  metric(name: string, labels?: Record<string, string>): Promise<number | undefined>;
}

export function harness(opts: Partial<WhatsAppChannelOptions> & { setup?: (c: FakeClient, i: number) => void } = {}): Harness {
  const { setup, ...channelOpts } = opts;
  const { factory, clients } = fakeFactory(setup);
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } as never });
  const metrics = createMetrics();
  const received: InboundMessage[] = [];
  const qrOut: string[] = [];
  const channel = new WhatsAppChannel({
    factory,
    log,
    metrics,
    userRef: createUserRef('test-log-secret-0123456789abcdef'),
    pacing: { gapMs: 0, jitterMs: 0, perMinute: 1000 },
    initTimeoutMs: 5000,
    restartMinMs: 1000,
    restartMaxMs: 8000,
    destroyTimeoutMs: 500,
    healthCheckMs: 0,
    random: () => 0.5,
    qrOut: { write: (s: string) => qrOut.push(s) } as never,
    ...channelOpts,
  });
  return {
    channel,
    clients,
    client: () => {
      const c = clients[clients.length - 1];
      if (!c) throw new Error('no client was made yet');
      return c;
    },
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    rawLogs: () => lines.join(''),
    metrics,
    received,
    qrOut,
    start: (handler) =>
      channel.start(
        handler ??
          (async (m) => {
            received.push(m);
          }),
      ),
    async metric(name, labels = {}) {
      const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
      const value = metric?.values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want));
      return value?.value;
    },
  };
}
