import type { Language } from './flow';

/** One level of the flow call stack. */
export interface Frame {
  flow: string;
  version: string;
  state: string;
  /** Set while the state's question waits for an answer. */
  waiting?: { retries: number };
}

/**
 * Everything the engine knows about one conversation. Plain JSON: it is stored
 * after every turn and read back before the next, and nothing may be lost on the way.
 */
export interface Session {
  /** Empty when no flow is running: the next message starts the home flow. */
  stack: Frame[];
  /** Conversation language; null until detected or chosen. */
  lang: Language | null;
  /** Answers and facts gathered by flows and actions, addressed by dotted paths. */
  vars: Record<string, unknown>;
  /** How many turns this session has run (for diagnostics and tests). */
  turns: number;
  /**
   * The album (input.ts, a media input's `album`) of the last photo a turn read: its other
   * photos are stored without a turn of their own. Absent until the patient sends an album.
   */
  album?: string;
}

export function newSession(): Session {
  return { stack: [], lang: null, vars: {}, turns: 0 };
}
