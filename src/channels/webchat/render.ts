/** An OutboundMessage in the web client's terms: text, and choices as quick-reply buttons. */
import type { OutboundMessage } from '../../router/message';
import type { WebReply } from './frames';

export function toWebReply(message: OutboundMessage): WebReply {
  const choices = message.choices ?? [];
  if (choices.length === 0) return { type: 'message', text: message.text };
  return { type: 'message', text: message.text, quick_replies: choices.map((c) => ({ title: c.title, payload: c.payload })) };
}
