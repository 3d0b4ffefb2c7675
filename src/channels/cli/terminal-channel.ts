/**
 * Terminal chat (`sahay chat`): the same router and store as every other channel,
 * for demos and for flow authors trying a change. Choices print as a numbered
 * list, as on WhatsApp; typing the number (in any script) picks one.
 */
import { randomUUID } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import type { Channel, InboundHandler } from '../channel';
import type { OutboundMessage } from '../../router/message';

export interface TerminalChannelOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The patient's id on this channel; the same id continues the same conversation. */
  userId: string;
  now: () => number;
}

export class TerminalChannel implements Channel {
  readonly name = 'cli' as const;
  private rl: Interface | undefined;
  private closed: Promise<void> | undefined;
  /** The turns typed so far, chained: the next line waits for the previous turn. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly opts: TerminalChannelOptions) {}

  async send(message: OutboundMessage): Promise<void> {
    this.opts.output.write(`\n${formatForTerminal(message)}\n`);
  }

  async start(onInbound: InboundHandler): Promise<void> {
    const rl = createInterface({ input: this.opts.input, output: this.opts.output, terminal: false });
    this.rl = rl;
    this.closed = new Promise((resolve) => rl.on('close', () => resolve()));
    this.opts.output.write('Sahay terminal chat. Type a message (Ctrl-D to quit).\n> ');
    rl.on('line', (line) => {
      const text = line.trim();
      if (!text) return;
      this.queue = this.queue
        .then(() => onInbound({ channel: 'cli', userId: this.opts.userId, platformMessageId: randomUUID(), sentAt: this.opts.now(), content: { kind: 'text', text } }))
        .catch((err: Error) => void this.opts.output.write(`(error: ${err.message})\n`))
        .then(() => void this.opts.output.write('> '));
    });
  }

  /** Resolves when the input ends (Ctrl-D or end of a piped file) and the last turn is done. */
  async finished(): Promise<void> {
    await this.closed;
    await this.queue;
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }
}

export function formatForTerminal(message: Pick<OutboundMessage, 'text' | 'choices'>): string {
  const lines = [`Sahay: ${message.text}`];
  message.choices?.forEach((c, i) => lines.push(`  ${i + 1}. ${c.title}`));
  return lines.join('\n');
}
