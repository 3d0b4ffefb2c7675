/**
 * The event vocabulary: past-tense facts that a turn of the engine produced.
 * A leaf module: it imports nothing but flow types, so every layer may use it.
 * New domain events (triage, hand-off...) get a file here and a place in `Event`.
 */
import type { CommandReceived } from './command-received';
import type { Failure } from './failure';
import type { FlowEntered } from './flow-entered';
import type { FlowExited } from './flow-exited';
import type { HandoffCancelled } from './handoff-cancelled';
import type { HandoffRated } from './handoff-rated';
import type { HandoffRequested } from './handoff-requested';
import type { InputRejected } from './input-rejected';
import type { LanguageChanged } from './language-changed';
import type { MsgCreated } from './msg-created';
import type { TriageAssessed } from './triage-assessed';
import type { VarChanged } from './var-changed';

export type { CommandReceived, Failure, FlowEntered, FlowExited, HandoffCancelled, HandoffRated, HandoffRequested, InputRejected, LanguageChanged, MsgCreated, TriageAssessed, VarChanged };

export type Event =
  | MsgCreated
  | InputRejected
  | VarChanged
  | LanguageChanged
  | FlowEntered
  | FlowExited
  | CommandReceived
  | TriageAssessed
  | HandoffRequested
  | HandoffCancelled
  | HandoffRated
  | Failure;

export type EventType = Event['type'];
