/** What the patient sent, independent of the platform. Channels produce it; the engine reads it. */
export type Input =
  | { kind: 'text'; text: string }
  /** A button press or quick reply: `payload` is the choice's value, `text` what the button said. */
  | { kind: 'choice'; payload: string; text?: string }
  | { kind: 'location'; lat: number; lng: number }
  /** Photos, documents, voice notes, stickers: kept as a reference, downloaded only when needed. */
  | { kind: 'media'; mediaType: MediaType; ref: string; caption?: string }
  | { kind: 'contact'; phone?: string; name?: string }
  /** Anything else the platform delivers (polls, reactions...): answered politely, never a crash. */
  | { kind: 'unsupported'; what: string };

/** The kinds of file a patient can send. */
export type MediaType = 'image' | 'document' | 'audio' | 'video' | 'sticker';
