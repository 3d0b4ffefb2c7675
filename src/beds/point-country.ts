/**
 * The country a shared location is in, for bed search: hospitals of another country are never
 * offered (a patient in Dhaka was offered Domkol SDH in Murshidabad, 192 km away across the
 * border).
 *
 * The country that src/helplines/location-region.ts places the point in (a country we serve,
 * not within BORDER_MARGIN_KM of another); else the country the borders put it in when that is
 * not one we serve (Nepal and Bhutan, next to North Bengal: no patient there is offered India's
 * hospitals either). Null at sea, and within the margin of a border of a country we serve, where
 * the simplified borders cannot tell the side: hospitals on either side are not ruled out there.
 */
import { countryAt, SERVED_COUNTRIES } from '../helplines/location-region';
import type { LatLng } from './geo';

type Coder = typeof import('@rapideditor/country-coder');

export function countryOfPoint(point: LatLng): string | null {
  const served = countryAt(point);
  if (served) return served;
  // Already loaded by countryAt (the same module): no second index of the world's borders.
  const code = (require('@rapideditor/country-coder') as Coder).iso1A2Code([point.lng, point.lat]);
  return code !== null && !Object.hasOwn(SERVED_COUNTRIES, code) ? code : null;
}
