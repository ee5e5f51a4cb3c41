/**
 * What Posko does to every string a person writes before a schema judges it: one rule set for every
 * contract, every route and every socket command. PostgreSQL refuses U+0000 in text, so a NUL that got
 * through would be a 500; control characters are refused here, by name of the field, instead.
 */

/** One line (a title, a name, a meeting point) or several (a description, a list of needs). */
export type TextKind = 'line' | 'lines';

/**
 * Characters that take no room on screen: zero-width space, non-joiner and joiner, word joiner,
 * invisible operators, BOM, soft hyphen, Mongolian vowel separator, combining grapheme joiner, the Hangul
 * fillers, variation selectors, tag characters and the bidi controls (marks, embeddings, overrides, isolates).
 */
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|\uDB40[\uDC00-\uDCFF]/g;

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Half of a surrogate pair: what a cut-off emoji leaves, never a character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Tab and line breaks (including the Unicode line and paragraph separators). */
const LINE_BREAKS = /\r\n?|[\n\u2028\u2029\u0085]/g;

export type TextProblem = 'control' | 'broken';

/**
 * The text as it is stored: NFC, line breaks as LF (or one space in a single-line field, where a pasted
 * line break is harmless), no white space or invisible characters at either end. A text made only of
 * invisible characters is empty. Returns the problem instead when the text holds a control character (NUL
 * included) or half of a surrogate pair, which no keyboard types.
 */
export function cleanText(value: string, kind: TextKind): { text: string } | { problem: TextProblem } {
  if (LONE_SURROGATE.test(value)) return { problem: 'broken' };
  let text = value.normalize('NFC');
  text = kind === 'line' ? text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' ') : text.replace(LINE_BREAKS, '\n');
  if (CONTROL.test(text)) return { problem: 'control' };
  text = trimInvisible(text);
  return { text: visibleLength(text) === 0 ? '' : text };
}

/** How many characters a reader sees: code points, not counting invisible ones or white space at the ends. */
export function visibleLength(text: string): number {
  return [...text.replace(INVISIBLE, '').trim()].length;
}

/** Whether a string holds a character cleanText refuses (for strings that keep their exact form). */
export function hasControlCharacter(value: string): boolean {
  return LONE_SURROGATE.test(value) || CONTROL.test(value);
}

function trimInvisible(text: string): string {
  let previous: string;
  let current = text;
  do {
    previous = current;
    current = current.trim().replace(/^[\u200B\uFEFF\u2060\u00AD]+|[\u200B\uFEFF\u2060\u00AD]+$/g, '');
  } while (current !== previous);
  return current;
}
