/**
 * Commands a volunteer sends by SMS or WhatsApp, in Bahasa Indonesia. Forgiving of case, spacing and
 * punctuation ("terima k7qd", "TERIMA: K7QD!", "Terima  k7-qd"); the code names one of the sender's
 * offers or assignments.
 */

/** Letters and digits of short codes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B that a tired person mixes up. */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CODE_LENGTH = 4;

export type ReportedStep = 'en_route' | 'on_site' | 'completed';

export type TextCommand =
  | { kind: 'accept'; code: string | null }
  | { kind: 'decline'; code: string | null; reason: string | null }
  | { kind: 'report'; step: ReportedStep; code: string | null }
  | { kind: 'availability'; availability: 'available' | 'unavailable' }
  | { kind: 'status' }
  | { kind: 'help' }
  | { kind: 'preference'; mode: 'always' | 'fallback' }
  | { kind: 'safe'; note: string | null }
  | { kind: 'needHelp'; note: string | null }
  | { kind: 'present'; note: string | null }
  | { kind: 'unknown'; word: string | null };

export type TextCommandKind = TextCommand['kind'];

const STEPS: Record<string, ReportedStep> = {
  BERANGKAT: 'en_route',
  OTW: 'en_route',
  TIBA: 'on_site',
  SAMPAI: 'on_site',
  SELESAI: 'completed',
};

/** Upper case, punctuation as spaces, one space between words. */
function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/**
 * The free text after the first `skipWords` words, as the person typed it (punctuation between words
 * ignored; trimmed, at most 500 characters).
 */
function restOf(text: string, skipWords: number): string | null {
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const last = tokens[skipWords - 1];
  if (!last || tokens.length <= skipWords) return null;
  const rest = text
    .slice(last.index + last[0].length)
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim();
  return rest ? rest.slice(0, 500) : null;
}

/** A short code as typed ("k7-qd", "K7QD"), or null when the word cannot be one. */
export function normalizeCode(word: string | undefined): string | null {
  if (!word) return null;
  const code = word.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return code.length === CODE_LENGTH ? code : null;
}

/**
 * A command word glued to its code ("TERIMAK7QD") is split, so the most common slip still works; the
 * rest of the words follow unchanged.
 */
function unglue(list: string[]): string[] {
  const [first, ...rest] = list;
  if (!first) return list;
  for (const command of ['TERIMA', 'TOLAK', ...Object.keys(STEPS)]) {
    if (first.startsWith(command) && first.length === command.length + CODE_LENGTH) {
      return [command, first.slice(command.length), ...rest];
    }
  }
  return list;
}

/** Reads one inbound text as a command; anything else is `unknown` with the first word. */
export function parseTextCommand(text: string): TextCommand {
  const typed = words(text);
  const list = unglue(typed);
  // Words of the raw text the command and its code took: one fewer when they were typed as one.
  const glued = list.length > typed.length ? 1 : 0;
  const [first, second] = list;
  if (!first) return { kind: 'unknown', word: null };
  // A code is a separate word after the command: "TERIMA K7QD"; "K7 QD" typed with a space also counts.
  const code = normalizeCode(second) ?? (second && list[2] ? normalizeCode(second + list[2]) : null);
  switch (first) {
    case 'TERIMA':
    case 'YA':
      return { kind: 'accept', code };
    case 'TOLAK': {
      const codeWords = (normalizeCode(second) ? 2 : 1) - glued;
      return { kind: 'decline', code: normalizeCode(second), reason: restOf(text, codeWords) };
    }
    case 'SIAGA':
      return { kind: 'availability', availability: 'available' };
    case 'TIDAK':
    case 'TDK':
    case 'GAK':
    case 'NGGAK':
      return second === 'SIAGA'
        ? { kind: 'availability', availability: 'unavailable' }
        : { kind: 'unknown', word: first };
    case 'TIDAKSIAGA':
      return { kind: 'availability', availability: 'unavailable' };
    case 'STATUS':
    case 'CEK':
      return { kind: 'status' };
    case 'BANTU':
    case 'MENU':
    case 'INFO':
    case 'HELP':
      return { kind: 'help' };
    case 'SMS':
    case 'WA':
      if (second === 'SELALU') return { kind: 'preference', mode: 'always' };
      if (second === 'CADANGAN') return { kind: 'preference', mode: 'fallback' };
      return { kind: 'unknown', word: first };
    case 'AMAN':
      return { kind: 'safe', note: restOf(text, 1) };
    case 'BANTUAN':
    case 'TOLONG':
    case 'SOS':
      return { kind: 'needHelp', note: restOf(text, 1) };
    case 'HADIR':
      return { kind: 'present', note: restOf(text, 1) };
  }
  const step = STEPS[first];
  if (step) return { kind: 'report', step, code };
  return { kind: 'unknown', word: first.slice(0, 20) };
}
