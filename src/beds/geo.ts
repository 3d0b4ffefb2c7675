/** Distances on the Earth's surface, for "nearest first" bed search. */

export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine; within 0.5% of the ellipsoid, plenty for "2.3 km away"). */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
