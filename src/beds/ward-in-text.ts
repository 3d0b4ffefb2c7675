/**
 * The ward a patient names for one sex ("महिला वार्ड में ऑक्सीजन बेड", "mahila ward", "ladies
 * ward", "মহিলা ওয়ার্ড"): config/beds/words.yaml `wards`.
 */
import type { WardWords } from './config';
import { saysPhrase } from './phrase-in-text';
import type { Sex } from './vacancy';

/** The sex of the ward the text names, or null: none named, or both ("male and female wards"). */
export function wardIn(text: string, wards: WardWords): Sex | null {
  const female = saysPhrase(text, wards.female);
  const male = saysPhrase(text, wards.male);
  if (female === male) return null;
  return female ? 'female' : 'male';
}
