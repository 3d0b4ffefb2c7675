import { ChannelSendError, type Channel } from '../../src/channels/channel';
import type { ChannelName, OutboundMessage } from '../../src/router/message';

/** A channel that keeps what it was asked to send; it can be told to fail. */
export class RecordingChannel implements Channel {
  readonly sent: OutboundMessage[] = [];
  /** When set, the next sends fail with this error (and are not recorded). */
  failWith: ChannelSendError | undefined;

  constructor(readonly name: ChannelName = 'webchat') {}

  async send(message: OutboundMessage): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push(message);
  }

  /** Messages sent since the last call. */
  take(): OutboundMessage[] {
    return this.sent.splice(0, this.sent.length);
  }
}
