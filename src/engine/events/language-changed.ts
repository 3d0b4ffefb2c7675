import type { Language } from '../flow';

/**
 * The conversation now speaks another language (detected or chosen).
 *
 * ```json
 * { "type": "language_changed", "lang": "bn", "how": "detected" }
 * ```
 */
export interface LanguageChanged {
  type: 'language_changed';
  lang: Language;
  how: 'detected' | 'chosen';
}
