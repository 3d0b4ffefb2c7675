/**
 * Is a hospital's location where its district is? Feeds copy coordinates between rows: the
 * 2021 West Bengal file puts "Diamond Harbour GMCH, South 24 Parganas" at North Bengal Medical
 * College (about 480 km from Diamond Harbour), so a patient near Siliguri was told it was 4.8 km
 * away; Chhattisgarh's gives "Mahima Hospital, Mungeli" the point of a Durg hospital of that name.
 * A location that far from every town of its district with a point (places.yaml `at`) is not
 * used: import drops it with a warning (map-record.ts), and the index ignores one stored before
 * (bed-index.ts), so the hospital is found by its district and PIN code, never by distance.
 *
 * DISTRICT_REACH_KM: in the shipped data, every location that is right lies within 94 km of a
 * town of its district (Pakhanjur, in the south of Kanker); every wrong one found lies 103 km or
 * more away. A district none of whose towns has a point is not checked.
 */
import type { Gazetteer, Place } from './gazetteer';
import { haversineKm, type LatLng } from './geo';

export const DISTRICT_REACH_KM = 100;

/** How far the location is from the nearest town of its district, when that is beyond DISTRICT_REACH_KM; null otherwise. */
export function outsideDistrict(gazetteer: Gazetteer, districtId: string, location: LatLng): { km: number; town: Place } | null {
  let nearest: { km: number; town: Place } | null = null;
  for (const t of gazetteer.townsOf(districtId)) {
    const km = haversineKm(t.at, location);
    if (km <= DISTRICT_REACH_KM) return null;
    if (!nearest || km < nearest.km) nearest = { km, town: t.place };
  }
  return nearest;
}
