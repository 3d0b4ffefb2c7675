/**
 * The name and phone number in a shared contact card (vCard 2.1/3.0, as WhatsApp
 * sends them). A patient shares a caregiver's or a doctor's contact; we keep the
 * first name and number, and never log either.
 *
 * @example
 *   parseVCard('BEGIN:VCARD\nVERSION:3.0\nFN:Caregiver\nTEL;type=CELL;waid=919800000010:+91 98000 00010\nEND:VCARD')
 *   // → { name: 'Caregiver', phone: '+919800000010' }
 */
export interface VCardContact {
  name?: string;
  phone?: string;
}

export function parseVCard(card: string): VCardContact {
  let name: string | undefined;
  let structuredName: string | undefined;
  let phone: string | undefined;
  for (const line of unfold(card)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const [prop = '', ...params] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    // Grouped properties ("item1.TEL") are common in cards exported from phones.
    const key = prop.replace(/^[^.]*\./, '').toUpperCase();
    if (key === 'FN' && !name) name = unescape(value).trim() || undefined;
    if (key === 'N' && !structuredName) structuredName = nameFromN(value);
    if (key === 'TEL' && !phone) phone = phoneFrom(params, value);
  }
  const contact: VCardContact = {};
  const finalName = name ?? structuredName;
  if (finalName) contact.name = finalName;
  if (phone) contact.phone = phone;
  return contact;
}

/** vCard lines may be folded: a line starting with a space or tab continues the previous one. */
function unfold(card: string): string[] {
  return card.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '').split('\n');
}

function unescape(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}

/** N:Family;Given;Middle;Prefix;Suffix → "Given Middle Family". */
function nameFromN(value: string): string | undefined {
  const [family = '', given = '', middle = ''] = value.split(';').map((p) => unescape(p).trim());
  const full = [given, middle, family].filter(Boolean).join(' ');
  return full || undefined;
}

/** WhatsApp's `waid=` parameter is the number in international form; else the digits of the value. */
function phoneFrom(params: string[], value: string): string | undefined {
  const waid = params.map((p) => /^waid=(\d{6,15})$/i.exec(p.trim())?.[1]).find(Boolean);
  if (waid) return `+${waid}`;
  const plus = value.trim().startsWith('+') ? '+' : '';
  const digits = value.replace(/\D/g, '');
  return digits.length >= 3 && digits.length <= 15 ? `${plus}${digits}` : undefined;
}
