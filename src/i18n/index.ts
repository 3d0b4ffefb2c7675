/** Languages and understanding patient text: what the rest of Sahay imports from i18n. */
export { toAsciiDigits } from './digits';
export { normalizeText, looseText, words } from './normalize';
export { detectScript, type Script } from './script';
export { detectLanguage, type DetectedLanguage } from './detect-language';
export { createTranslator, readLocales, type Translator } from './translator';
export { createInterpreter } from './interpreter';
export { checkLocales, checkLocaleTrees, placeholders } from './locale-check';
