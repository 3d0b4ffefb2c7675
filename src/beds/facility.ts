/**
 * Is a place a hospital? Night shelters, hostels, stadiums and Covid Care Centres in colleges
 * took COVID patients in 2021 for isolation and care, and the feeds list them beside hospitals
 * without a field that says so: their names and categories do (config/beds/facilities.yaml,
 * which says what follows for bed search).
 *
 * ```ts
 * const facilities = new Facilities(config.beds.facilities);
 * facilities.isHospital({ name: 'Jhargram Night Shelter', category: null });   // false
 * ```
 */
import { looseText } from '../i18n/normalize';
import type { Hospital } from '../storage/repositories';
import type { FacilitiesData } from './config';

export class Facilities {
  private readonly words: string[];
  private readonly hospitalWords: string[];

  constructor(data: FacilitiesData) {
    // Compared as whole words of the loose text: " iti " is not in "Kirti".
    const padded = (ws: readonly string[]) => ws.map((w) => ` ${looseText(w)} `).filter((w) => w.trim() !== '');
    this.words = padded(data.words);
    this.hospitalWords = padded(data.hospitalWords);
  }

  /** False when the name or category says it is not a hospital and nothing in them says it is one. */
  isHospital(h: Pick<Hospital, 'name' | 'category'>): boolean {
    const text = ` ${looseText(`${h.name} ${h.category ?? ''}`)} `;
    return !this.words.some((w) => text.includes(w)) || this.hospitalWords.some((w) => text.includes(w));
  }
}
