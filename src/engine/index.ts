/** The flow engine's public surface. */
export { Engine, DEFAULT_ENGINE_OPTIONS } from './engine';
export { EngineError } from './errors';
export { builtinActions } from './builtin-actions';
export { newSession } from './session';
export type { Session, Frame } from './session';
export type { Event, EventType } from './events';
export type { Input } from './input';
export type * from './flow';
export { LANGUAGES } from './flow';
export type * from './services';
