/**
 * Removes one person from free text and JSON: their name becomes the anonymous reference, their phone
 * numbers (in any format people type) and NIK become "[dihapus]". Used by the erasure on every column
 * that may hold what someone typed or a copy of the record.
 */

export const REMOVED = '[dihapus]';

export interface Person {
  names: string[];
  /** E.164 ("+6281234567890"). */
  phones: string[];
  niks: string[];
  reference: string;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "+6281234567890" → a pattern for "081234567890", "+62 812-3456-7890", "6281234567890", "81234567890". */
function phonePattern(phone: string): string {
  const national = phone.replace(/^\+62/, '');
  return `(?:\\+?\\s?62[\\s.-]?|0)?${[...national].join('[\\s().-]{0,2}')}`;
}

export function scrubber(person: Person): (text: string) => string {
  const names = person.names.filter((name) => name.trim().length >= 2);
  // Whole names only: erasing "Relawan 1" leaves "Relawan 12" alone.
  const namePattern =
    names.length > 0
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
      : null;
  const numbers = [...person.phones.map(phonePattern), ...person.niks.map(escapeRegex)];
  const numberPattern = numbers.length > 0 ? new RegExp(`(?<![0-9])(?:${numbers.join('|')})(?![0-9])`, 'g') : null;
  return (text) => {
    let result = numberPattern ? text.replace(numberPattern, REMOVED) : text;
    if (namePattern) result = result.replace(namePattern, person.reference);
    return result;
  };
}

/** Keys of a volunteer's own event payloads that carry personal data beyond the name. */
const PERSONAL_KEYS = new Set([
  'phone',
  'nik',
  'village',
  'birthYear',
  'gender',
  'emergencyContactName',
  'emergencyContactPhone',
  'note',
  'lat',
  'lng',
]);

/**
 * A JSON value with the person scrubbed from every string; `ownRecord`: also the personal keys nulled and
 * every name key replaced (a payload about the person themself).
 */
export function scrubJson(
  value: unknown,
  scrub: (text: string) => string,
  person: Person,
  ownRecord: boolean,
): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, scrub, person, ownRecord));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        if (ownRecord && PERSONAL_KEYS.has(key)) return [key, null];
        if (ownRecord && key === 'name') return [key, person.reference];
        return [key, scrubJson(item, scrub, person, ownRecord)];
      }),
    );
  }
  return value;
}
