/**
 * A problem in flow content, found when a flow is loaded or saved. Every error
 * names where to look — file, line, flow, state, field — because the person
 * fixing it is an admin with a text editor, not a developer with a debugger.
 */
export interface FlowError {
  file: string;
  flow?: string;
  state?: string;
  /** Field inside the state (or the flow, when there is no state): `next`, `next[1].goto`, `expect.choice[0].value`. */
  field?: string;
  /** 1-based line in the file, when the definition came from a file. */
  line?: number;
  message: string;
}

/** One line: `flows/triage.yaml:12: state "spo2", field "next": unknown state "asess"`. */
export function formatFlowError(e: FlowError): string {
  const where = [e.state !== undefined ? `state "${e.state}"` : undefined, e.field !== undefined ? `field "${e.field}"` : undefined]
    .filter((p) => p !== undefined)
    .join(', ');
  return `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${where ? `${where}: ` : ''}${e.message}`;
}

/** Thrown when flows must load cleanly (at start-up) and do not; the message lists every error. */
export class FlowLoadError extends Error {
  readonly errors: readonly FlowError[];

  constructor(errors: readonly FlowError[]) {
    super(`${errors.length} error${errors.length === 1 ? '' : 's'} in flow definitions:\n${errors.map(formatFlowError).join('\n')}`);
    this.name = 'FlowLoadError';
    this.errors = errors;
  }
}

/** Orders errors by file, then line, keeping the order they were found in otherwise. */
export function sortFlowErrors(errors: readonly FlowError[]): FlowError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => compare(a.e.file, b.e.file) || (a.e.line ?? 0) - (b.e.line ?? 0) || a.i - b.i)
    .map(({ e }) => e);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
