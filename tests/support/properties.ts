import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { CHANNEL_EVENTS } from '../../lib/channels';
import { CHECK_IN_EVENTS } from '../../lib/operations';

/**
 * Hostile inputs for the property suites: strings with control, invisible and right-to-left characters,
 * huge values, wrong types, and a valid sample with some of its fields swapped for those.
 */

/** Characters that broke or could break a text field: NUL and other controls, invisible and bidi ones. */
const HOSTILE_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u00ad',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u2028',
  '\u202a',
  '\u202e',
  '\u2060',
  '\u2066',
  '\u2069',
  '\u061c',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udfff',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '\u3000',
  'e\u0301',
  'ا',
  'עברית',
  '🇮🇩',
  '👩‍🚒',
  '%00',
  '%ZZ',
  "'",
  '"',
  '\\',
  '/',
  '..',
  "'; drop table events; --",
  '<script>',
  '{}',
  'a',
  '1',
];

export const hostileCharacter = fc.constantFrom(...HOSTILE_CHARACTERS);

/** A string made of hostile pieces, arbitrary code units, or far too much of one letter. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: hostileCharacter, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u200b\u200b\u200b\u200b\u200b', '\ufeff\u200d\u2060\u200e') },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 300_000 }).map((n) => 'x'.repeat(n)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '+275760-09-13T00:00:00Z',
      '2026-02-30T10:00:00+07:00',
      '00000000-0000-0000-0000-000000000000',
      '00000000-0000-4000-8000-000000000000\u0000',
      '62',
      '62.03',
      '62.03.01',
      'tagana',
    ),
  },
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, -0, 1e300, -1e300, 2 ** 53 + 2, 2 ** 31, 2 ** 63, 1.5, 1e-300),
);

/** Any JSON value, leaning on hostile strings and numbers, nested a little. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A sample with some fields swapped for hostile values, some dropped, and sometimes an extra one. */
export function mutated(sample: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(sample);
  return fc
    .record({
      swaps: fc.array(fc.tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), hostileValue), { maxLength: 3 }),
      drops: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      extra: fc.option(fc.tuple(hostileString, hostileValue), { nil: undefined }),
    })
    .map(({ swaps, drops, extra }) => {
      const body: Record<string, unknown> = { ...sample };
      for (const key of drops) delete body[key];
      for (const [key, value] of swaps) body[key] = value;
      if (extra) body[extra[0]] = extra[1];
      return body;
    });
}

/** Raw bodies that are not an object: broken JSON, JSON that is not an object, bytes no form sends. */
export const hostileRawBody = fc.oneof(
  fc.constantFrom('null', '[]', '[{}]', '"teks"', '0', '1e999', 'true', '{', '{"a":', '\u0000', '\ufeff{}', ''),
  hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
);

/** The body of one call: usually the sample with hostile fields, sometimes something else entirely. */
export function hostileBody(sample: Record<string, unknown> | undefined): fc.Arbitrary<string> {
  const shaped = sample ? mutated(sample).map((body) => JSON.stringify(body)) : hostileRawBody;
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 2, arbitrary: hostileRawBody });
}

/** A path parameter: the real one, or something that is not an id at all. */
export function hostileParam(real: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 1, arbitrary: fc.constant(real) }, { weight: 3, arbitrary: hostileString });
}

/** Query parameters: the sample's, with some values swapped for hostile strings, or extra ones. */
export function hostileQuery(sample: Record<string, string>): fc.Arbitrary<URLSearchParams> {
  const keys = Object.keys(sample);
  return fc
    .record({
      swaps: fc.array(fc.tuple(fc.constantFrom(...(keys.length ? keys : ['q'])), hostileString), { maxLength: 3 }),
      extra: fc.option(fc.tuple(hostileString, hostileString), { nil: undefined }),
    })
    .map(({ swaps, extra }) => {
      const params = new URLSearchParams(sample);
      for (const [key, value] of swaps) params.set(key, value);
      if (extra) params.append(extra[0], extra[1]);
      return params;
    });
}

/** How many runs each property gets; POSKO_PROPERTY_RUNS raises it for a long hunt. */
export function propertyRuns(fallback: number): number {
  const runs = Number(process.env.POSKO_PROPERTY_RUNS);
  return Number.isInteger(runs) && runs > 0 ? runs : fallback;
}

/**
 * fast-check's parameters: a seed from POSKO_PROPERTY_SEED replays a failure; otherwise a fresh one,
 * which fast-check prints (with the path to the smallest failing input) when a property fails.
 */
export function propertyParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env.POSKO_PROPERTY_SEED);
  return { numRuns: propertyRuns(numRuns), ...(Number.isInteger(seed) && { seed }), endOnFailure: true };
}

/** The event log's position and size, to compare before and after a refused call. */
export async function eventLogMark(db: Executor): Promise<{ maxId: number; count: number }> {
  const [row] = await queryRows<{ max_id: number; count: number }>(
    db,
    sql`select coalesce(max(id), 0)::int as max_id, count(*)::int as count from events`,
  );
  return { maxId: row!.max_id, count: row!.count };
}

/**
 * What timed work writes by itself, whatever the call under test: offers and requests expiring, check-ins
 * turning late or critical, and the text queue reporting a send (of a text an earlier, accepted call queued).
 */
const TIMED_TYPES = [CHECK_IN_EVENTS.due, CHECK_IN_EVENTS.late, CHECK_IN_EVENTS.critical, CHANNEL_EVENTS.messageStatus];
const TIMED_WORK = sql`(type like '%expired' or type in (${sql.join(
  TIMED_TYPES.map((type) => sql`${type}`),
  sql`, `,
)}))`;

/** Events written after `mark`, of types that are not timed work. */
export async function eventsSince(db: Executor, mark: { maxId: number }): Promise<{ id: number; type: string }[]> {
  return queryRows<{ id: number; type: string }>(
    db,
    sql`select id::int as id, type from events where id > ${mark.maxId} and not ${TIMED_WORK} order by id`,
  );
}
