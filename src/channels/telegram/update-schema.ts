/**
 * The parts of a Telegram Bot API `Update` that Sahay reads, checked with zod at
 * the edge (webhook body or long-polling result alike). Objects are loose: Telegram
 * adds fields often, and an unknown field must never turn a patient's message away.
 * See https://core.telegram.org/bots/api#update
 *
 *   { "update_id": 1, "message": { "message_id": 123, "date": 1684984664,
 *     "chat": { "id": 456, "type": "private" }, "text": "আমার জ্বর" } }
 */
import { z } from 'zod';

const chat = z.looseObject({ id: z.number().int(), type: z.string() });
const file = z.looseObject({ file_id: z.string().min(1) });
const photoSize = file.extend({ width: z.number().optional(), height: z.number().optional() });

export const messageSchema = z.looseObject({
  message_id: z.number().int(),
  date: z.number().int(),
  chat,
  from: z.looseObject({ id: z.number().int(), is_bot: z.boolean().optional() }).optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  /** The album (photos or files sent together) this message is one of, the same on each; a malformed one only loses the grouping. */
  media_group_id: z.string().optional().catch(undefined),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  contact: z
    .looseObject({ phone_number: z.string().optional(), first_name: z.string().optional(), last_name: z.string().optional() })
    .optional(),
  photo: z.array(photoSize).optional(),
  document: file.optional(),
  voice: file.optional(),
  audio: file.optional(),
  video: file.optional(),
  video_note: file.optional(),
  animation: file.optional(),
  sticker: file.optional(),
});

export const callbackQuerySchema = z.looseObject({
  id: z.string().min(1),
  from: z.looseObject({ id: z.number().int() }),
  /** Absent for buttons on inline-mode messages; `date: 0` when the message is too old to be read. */
  message: z
    .looseObject({ message_id: z.number().int(), chat, text: z.string().optional().catch(undefined), reply_markup: z.unknown().optional() })
    .optional(),
  data: z.string().optional(),
});

export const updateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});

export type TelegramUpdate = z.output<typeof updateSchema>;
export type TelegramMessage = z.output<typeof messageSchema>;
export type TelegramCallbackQuery = z.output<typeof callbackQuerySchema>;
