/**
 * The {{placeholders}} of a string: the values a message needs, or the patient
 * reads "{{ambulance}}" as typed. Shared by the locale check (every language has
 * the same ones) and the flow check (a flow gives every one in `params`).
 */

/** `{{min}}`, `{{ min }}`, `{{count, number}}` → "min", "min", "count". */
const PLACEHOLDER = /\{\{\s*([^},\s]+)[^}]*\}\}/g;

/** Names, sorted, each once. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].sort();
}
