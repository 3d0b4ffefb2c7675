/**
 * The hospital registry's merge rules (repositories.ts, HospitalRepository), as one
 * pure function that every driver applies inside its own transaction, so that the
 * drivers cannot drift apart:
 * - a null descriptive field keeps the stored value; `names` merge per language;
 * - a bed count replaces the stored one of its kind only when it is at least as new.
 */
import type { BedCount, Hospital, HospitalInput } from './repositories';

/** null (the source gave no time) sorts before every real time. */
const timeOf = (c: BedCount): number => c.updatedAt ?? Number.NEGATIVE_INFINITY;

export function mergeBeds(stored: Record<string, BedCount>, incoming: Record<string, BedCount>): { beds: Record<string, BedCount>; kept: number } {
  const beds: Record<string, BedCount> = { ...stored };
  let kept = 0;
  for (const [kind, count] of Object.entries(incoming)) {
    const old = stored[kind];
    if (old && timeOf(count) < timeOf(old)) kept += 1;
    else beds[kind] = structuredClone(count);
  }
  return { beds, kept };
}

export function mergeHospital(stored: Hospital | undefined, input: HospitalInput, now: number): { hospital: Hospital; kept: number } {
  const { beds, kept } = mergeBeds(stored?.beds ?? {}, input.beds);
  const pick = <T>(given: T | null, old: T | null | undefined): T | null => (given !== null ? given : (old ?? null));
  const names = { ...stored?.names };
  if (input.names.bn) names.bn = input.names.bn;
  if (input.names.hi) names.hi = input.names.hi;
  const hospital: Hospital = {
    id: input.id,
    name: input.name,
    names,
    region: pick(input.region, stored?.region),
    district: pick(input.district, stored?.district),
    city: pick(input.city, stored?.city),
    pincode: pick(input.pincode, stored?.pincode),
    address: pick(input.address, stored?.address),
    phones: [...(input.phones ?? stored?.phones ?? [])],
    ownership: pick(input.ownership, stored?.ownership),
    category: pick(input.category, stored?.category),
    location: input.location ? { ...input.location } : (stored?.location ?? null),
    beds,
    createdAt: stored?.createdAt ?? now,
    updatedAt: now,
  };
  return { hospital, kept };
}
