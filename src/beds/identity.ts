/**
 * A hospital's stable id, so that importing the same feed again (or another feed
 * about the same hospitals) updates records instead of duplicating them.
 *
 * A feed's own id column wins when the mapping names one. Otherwise the id is
 * `<region>.<district>.<name>` in slug form, where region and district are the
 * gazetteer's ids when the feed's names are known spellings of them ("North 24 Pgs"
 * and "North 24 Parganas" give the same id) and a slug of the feed's text otherwise:
 * "west-bengal.kolkata.amri-salt-lake". Ids are URL-safe (the desk API puts them in
 * the path); letters of any script are kept, so a Bengali-only name still has one.
 * Note: adding a spelling to places.yaml later can change the id of hospitals filed
 * under it, so add districts before their first import.
 */

/** "Dalvi Hospital ( Shivajinagar )" → "dalvi-hospital-shivajinagar". */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function hospitalId(parts: { region: string | null; district: string | null; name: string }): string {
  return [parts.region, parts.district, parts.name]
    .filter((p): p is string => p !== null && p !== '')
    .map(slug)
    .filter(Boolean)
    .join('.');
}

/** What a feed may use as an explicit id: printable, no spaces or slashes, at most 120 characters. */
export const EXPLICIT_ID = /^[^\s/?#%\\]{1,120}$/u;
