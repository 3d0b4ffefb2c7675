import type { MessageRef } from '../flow';

/**
 * The bot said something. The message is still a key: the router translates it
 * into the conversation's language when it stores the outbound message.
 *
 * ```json
 * { "type": "msg_created", "msg": { "key": "welcome.ask.consent" },
 *   "choices": [ { "value": "yes", "label": { "key": "common.yes" } } ] }
 * ```
 */
export interface MsgCreated {
  type: 'msg_created';
  msg: MessageRef;
  choices?: ReadonlyArray<{ readonly value: string; readonly label: MessageRef }>;
}
