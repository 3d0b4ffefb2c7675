/**
 * Caller errors: the engine was set up or called wrongly (the entry flow does not
 * exist, an option is out of range). Problems in flow *content* are never thrown:
 * they become `failure` events and the conversation goes on.
 */
export type EngineErrorCode = 'unknown_entry_flow' | 'invalid_options';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
