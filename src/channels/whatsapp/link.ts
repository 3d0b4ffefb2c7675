/**
 * The WhatsApp link as admins see it: its state, the latest QR code while it
 * waits to be linked, and why it last went down. /readyz, /metrics, the terminal
 * and the admin console all read this one object.
 *
 * @example
 *   const link = channel.link;
 *   link.status();                        // { state: 'waiting_for_qr', qr: '2@…', since, reason, … }
 *   link.on('change', (s) => …);          // every change, e.g. to push to the console
 *   await link.qrDataUrl();               // 'data:image/png;base64,…' to show in an <img>, or null
 */
import { EventEmitter } from 'node:events';
import { toDataURL } from 'qrcode';

export const LINK_STATES = ['starting', 'waiting_for_qr', 'ready', 'disconnected'] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** Why the client went down (also the label of sahay_whatsapp_restarts_total). */
export type DownReason =
  | 'init_timeout'
  | 'init_failed'
  | 'disconnected'
  | 'logout'
  | 'auth_failure'
  | 'browser_closed'
  | 'unresponsive'
  | 'stopped';

export interface LinkStatus {
  state: LinkState;
  /** When the state last changed (ms since epoch). */
  since: number;
  /** The QR code to scan (the text inside it) while `waiting_for_qr`; null otherwise. Never log it. */
  qr: string | null;
  /** Why the link last went down; null until it first does. */
  reason: DownReason | null;
  /** A short technical detail for admins: WhatsApp's disconnect reason, the browser's error. No patient data. */
  detail: string | null;
  /** Restarts since the process started. */
  restarts: number;
  /** When the next start is planned, while disconnected and not stopped. */
  nextAttemptAt: number | null;
  /** WhatsApp Web's own connection state (CONNECTED; TIMEOUT means the phone is offline), once known. */
  waState: string | null;
}

export interface LinkEvents {
  change: [status: Readonly<LinkStatus>];
}

export class WhatsAppLink extends EventEmitter<LinkEvents> {
  private current: LinkStatus;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.current = { state: 'disconnected', since: now(), qr: null, reason: null, detail: null, restarts: 0, nextAttemptAt: null, waState: null };
  }

  status(): Readonly<LinkStatus> {
    return { ...this.current };
  }

  get state(): LinkState {
    return this.current.state;
  }

  /** The current QR code as a PNG data URL for the console, or null when there is none to scan. */
  async qrDataUrl(): Promise<string | null> {
    const qr = this.current.qr;
    return qr ? toDataURL(qr, { margin: 2, width: 320, errorCorrectionLevel: 'L' }) : null;
  }

  /** For the channel only. */
  update(patch: Partial<Omit<LinkStatus, 'since'>>): void {
    const next = { ...this.current, ...patch };
    if (next.state !== 'waiting_for_qr') next.qr = null;
    if (next.state !== this.current.state) next.since = this.now();
    const changed = (Object.keys(next) as Array<keyof LinkStatus>).some((k) => next[k] !== this.current[k]);
    this.current = next;
    if (changed) this.emit('change', this.status());
  }
}
