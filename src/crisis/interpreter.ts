/**
 * A crisis typed anywhere is a global word, as a danger sign is (src/triage/red-flags.ts):
 * the engine asks `interpret.command(text)` before anything else on every message, so
 * wrapping the interpreter makes "I want to kill myself", "আমি আর বাঁচতে চাই না" or "mar
 * jana chahta hoon" the `crisis` command whatever question was waiting (the main menu's, the
 * symptom check's, the FAQ's), and "I want to talk to a counsellor" the `counsellor` command.
 * config/engine.yaml says which flow each starts.
 *
 * The words of the interpreter it wraps come first: an exact command ("menu", "ডাক্তার")
 * keeps its meaning, and core.ts wraps the interpreter with red flags, so a danger sign with
 * a crisis ("chest pain, I want to die") gets the emergency advice, whose ticket brings a
 * person to the chat at once, and who reads the whole message.
 *
 * ```ts
 * const interpret = withCrisis(withRedFlags(createInterpreter(translator), triage.redFlags), crisisDetector(translator));
 * interpret.command('marte chai') // → 'crisis'
 * ```
 */
import type { Interpreter } from '../engine/services';
import type { CrisisDetector } from './detector';

/** The command names config/engine.yaml maps to the crisis reply and to the counsellors' queue. */
export const CRISIS_COMMAND = 'crisis';
export const COUNSELLOR_COMMAND = 'counsellor';

export function withCrisis(inner: Interpreter, detector: CrisisDetector): Interpreter {
  return {
    ...inner,
    command(text) {
      const known = inner.command(text);
      if (known !== null) return known;
      const read = detector.read(text);
      return read === 'crisis' ? CRISIS_COMMAND : read === 'counsellor' ? COUNSELLOR_COMMAND : null;
    },
  };
}
