/**
 * The GSM 03.38 default alphabet (7-bit) that every phone reads, so a text goes as one plain SMS:
 * anything outside it would switch the whole message to UCS-2 and cut it to 70 characters.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the extension table: each costs two septets (an escape and the character). */
const EXTENDED = '^{}\\[~]|€\f';

const BASIC_SET = new Set(BASIC);
const EXTENDED_SET = new Set(EXTENDED);

/** One SMS in the default alphabet holds 160 septets. */
export const SMS_SEPTETS = 160;

/** Common look-alikes outside GSM-7, written the way a person would type them on a plain phone. */
const REPLACEMENTS: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '•': '-',
  '·': '.',
  '×': 'x',
  '\t': ' ',
  '\u00a0': ' ',
};

/** Septets a character takes in GSM-7, or 0 when it has no place there. */
function septets(char: string): number {
  if (BASIC_SET.has(char)) return 1;
  if (EXTENDED_SET.has(char)) return 2;
  return 0;
}

/** True when every character of the text is in the GSM-7 alphabet. */
export function isGsm7(text: string): boolean {
  return [...text].every((char) => septets(char) > 0);
}

/** How many septets the text takes in GSM-7 (characters outside it count as the "?" they become). */
export function gsm7Length(text: string): number {
  return [...text].reduce((sum, char) => sum + (septets(char) || 1), 0);
}

/**
 * The text in GSM-7 only: typographic quotes and dashes become their plain forms, accented letters lose
 * their accents unless GSM-7 has them, and whatever remains outside the alphabet becomes "?".
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const char of text) {
    if (septets(char) > 0) {
      out += char;
      continue;
    }
    const replaced = REPLACEMENTS[char];
    if (replaced !== undefined) {
      out += replaced;
      continue;
    }
    const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
    out += bare && isGsm7(bare) ? bare : '?';
  }
  return out;
}

/**
 * The text as one SMS: in GSM-7, and cut at a word to fit `limit` septets (with ".." where it was cut).
 * The end of a text is the least important part, so the code and the command come first in every text.
 */
export function fitSms(text: string, limit = SMS_SEPTETS): string {
  const plain = toGsm7(text.replace(/\s+/g, ' ').trim());
  if (gsm7Length(plain) <= limit) return plain;
  const room = limit - 2;
  let cut = '';
  let used = 0;
  for (const char of plain) {
    const cost = septets(char);
    if (used + cost > room) break;
    cut += char;
    used += cost;
  }
  const atWord = cut.lastIndexOf(' ');
  const kept = atWord > room / 2 ? cut.slice(0, atWord) : cut;
  return `${kept.trimEnd()}..`;
}
