/**
 * What the simulated patients type: the symptom check (flows/triage.yaml) from
 * the main menu to its advice and back to the menu, in Bengali, Hindi and
 * English, taken from the golden transcripts (test/transcripts/triage-*.yaml),
 * so every answer is one the flow accepts. The same words drive the peers
 * (bench/peers/), which ask the same questions.
 *
 * A patient is a returning one: the opening (welcome, language, consent) was
 * done on an earlier day and the stored session is at the main menu. `OPENING`
 * is what a brand-new patient types first; the bench uses it once, untimed, to
 * produce the realistic stored session (bench/stored-sessions.ts).
 */
import type { Language } from '../src/engine/flow';

export interface PatientScript {
  lang: Language;
  /**
   * A new patient's first messages, up to the main menu. The first one names no symptom:
   * a symptom there would start the symptom check after consent (flows/welcome.yaml).
   */
  opening: readonly string[];
  /**
   * One symptom check from the main menu back to it; repeated for ever. The menu
   * entry is picked by its label and the check left with the "menu" word, as
   * patients do, so that the script does not hang on the order of options.
   */
  loop: readonly string[];
  /** The level the loop's answers must reach (checked by test/bench). */
  level: 'doctor' | 'home_isolation';
}

export const SCRIPTS: readonly PatientScript[] = [
  {
    // test/transcripts/triage-bn-native-doctor.yaml: fever 5 days, 65, diabetes → see a doctor.
    lang: 'bn',
    opening: ['নমস্কার', 'হ্যাঁ'],
    loop: ['আমার লক্ষণ যাচাই করুন', 'না, এসব কিছু নেই', 'জ্বর আর কাশি হচ্ছে, মাথাব্যথাও আছে', 'হ্যাঁ', '৫ দিন', '৯৬', '৬৫ বছর', 'আমার ডায়াবেটিস আছে', '৪', 'না', 'মেনু'],
    level: 'doctor',
  },
  {
    // test/transcripts/triage-hi-native-home-isolation.yaml: sore throat, tested positive → home isolation.
    lang: 'hi',
    opening: ['नमस्ते जी', 'हाँ'],
    loop: ['अपने लक्षण जाँचें', 'नहीं, ऐसा कुछ नहीं है', 'गले में खराश और सिरदर्द, बुखार नहीं', 'हाँ', 'SpO2 96', '३०', 'नहीं', 'कोई बीमारी नहीं', '1', 'मेनू'],
    level: 'home_isolation',
  },
  {
    // test/transcripts/triage-en-home-isolation.yaml: mild fever, close contact → home isolation.
    lang: 'en',
    opening: ['I need help', 'English', 'yes'],
    loop: ['Check my symptoms', 'no', 'a mild fever and a headache, but no cough', 'yes', 'since 2 days', '98', '34', 'no', '0', '4', 'yes', 'menu'],
    level: 'home_isolation',
  },
];

/** Patient `p` speaks the language of script `p mod 3`: a third each. */
export function scriptOf(p: number): PatientScript {
  return SCRIPTS[p % SCRIPTS.length]!;
}

/** The `i`-th message (0-based) a returning patient sends: the loop, over and over. */
export function messageOf(script: PatientScript, i: number): string {
  return script.loop[i % script.loop.length]!;
}

/**
 * Which stored patients write: spread over the whole range (so look-ups touch the
 * whole index), with k ≡ p (mod 3) so that patient p speaks the language stored for k.
 */
export function activePatients(stored: number, patients: number): number[] {
  if (patients * 3 > stored) throw new Error(`bench: ${patients} patients need at least ${patients * 3} stored conversations, not ${stored}`);
  return Array.from({ length: patients }, (_, p) => {
    const k = Math.floor(((p + 0.5) * stored) / patients);
    return k - ((((k - p) % 3) + 3) % 3);
  });
}
