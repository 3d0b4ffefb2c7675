/**
 * Points and distances on the Earth's surface: "nearest first" bed search, and the points
 * around a shared location that tell whether it is too near a border to say its country
 * (src/helplines/location-region.ts).
 */

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

/**
 * A point as a session holds it (a shared location, a bed search's target), when it is one:
 * finite numbers, latitude within ±90° and longitude within ±180°. Anything else is null.
 */
export function asLatLng(value: unknown): LatLng | null {
  if (value === null || typeof value !== 'object') return null;
  const { lat, lng } = value as { lat?: unknown; lng?: unknown };
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
}

/** The point `km` away from `from` on the initial bearing `bearingDeg` (0 north, 90 east), on the sphere. */
export function offsetKm(from: LatLng, km: number, bearingDeg: number): LatLng {
  const d = km / EARTH_KM;
  const b = bearingDeg * RAD;
  const lat1 = from.lat * RAD;
  const lng1 = from.lng * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 = lng1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: lat2 / RAD, lng: ((lng2 / RAD + 540) % 360) - 180 };
}
