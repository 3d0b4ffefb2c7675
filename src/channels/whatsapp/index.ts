/**
 * The WhatsApp channel as the service builds it from Config. Tests build
 * WhatsAppChannel directly with a fake client; only this file reaches the real
 * whatsapp-web.js (and loads it only when WhatsApp is enabled).
 */
import { mkdirSync } from 'node:fs';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { Metrics } from '../../metrics';
import type { ChooseHints } from './render';
import { createUserRef } from './user-ref';
import { WhatsAppChannel } from './whatsapp-channel';

export { WhatsAppChannel, type WhatsAppChannelOptions } from './whatsapp-channel';
export { WhatsAppLink, LINK_STATES, type LinkState, type LinkStatus, type DownReason } from './link';
export type { WhatsAppClient, WhatsAppClientFactory, WaMessage, WaCall, WaMedia } from './client';
export { deliverWaiting } from './deliver-waiting';
export { whatsappCoreHooks } from './core-hooks';
export { renderForWhatsApp } from './render';

export interface WhatsAppDeps {
  log: Logger;
  metrics: Metrics;
  /** `common.choose_hint` in bn, hi and en. */
  hints: ChooseHints;
  /** The link became ready: deliver what waited (see deliverWaiting). */
  onLinked?: () => void;
  /** Where the QR code is printed; default stderr (stdout carries the JSON logs). */
  qrOut?: NodeJS.WritableStream;
  /** The notice for a short answer quoting an earlier list (whatsappCoreHooks). */
  staleMenuNotice?: (conversationId: string) => Promise<string | null>;
}

export async function createWhatsAppChannel(config: Readonly<Config>, deps: WhatsAppDeps): Promise<WhatsAppChannel> {
  const wa = config.whatsapp;
  // whatsapp-web.js and puppeteer take about a second to load: only when WhatsApp is on.
  const { createChromiumClient } = await import('./chromium-client');
  // The linked session is as good as the phone's WhatsApp account: owner-only.
  mkdirSync(wa.dataDir, { recursive: true, mode: 0o700 });
  const log = deps.log.child({ channel: 'whatsapp' });
  return new WhatsAppChannel({
    factory: () => createChromiumClient({ dataDir: wa.dataDir, chromiumPath: wa.chromiumPath, chromiumArgs: [...wa.chromiumArgs], log }),
    log: deps.log,
    metrics: deps.metrics,
    userRef: createUserRef(config.logIdSecret),
    pacing: { gapMs: wa.sendGapMs, jitterMs: wa.sendJitterMs, perMinute: wa.sendPerMinute },
    initTimeoutMs: wa.initTimeoutMs,
    restartMinMs: wa.restartMinMs,
    restartMaxMs: wa.restartMaxMs,
    hints: deps.hints,
    ...(wa.qrInTerminal ? { qrOut: deps.qrOut ?? process.stderr } : {}),
    ...(deps.onLinked ? { onLinked: deps.onLinked } : {}),
    ...(deps.staleMenuNotice ? { staleMenuNotice: deps.staleMenuNotice } : {}),
  });
}
