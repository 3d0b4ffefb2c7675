import type { Input } from '../engine/input';

/** The text a message carries (a typed text, a caption), or null. Button payloads are not the patient's words. */
export function textOf(input: Input | null): string | null {
  if (!input) return null;
  if (input.kind === 'text') return input.text;
  if (input.kind === 'media') return input.caption ?? null;
  return null;
}
