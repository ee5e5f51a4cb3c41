import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

/**
 * Rows per INSERT: PGlite runs every statement through one WASM connection, so few large statements
 * are far faster than many small ones, while staying well under PostgreSQL's 65,535 bind parameters.
 */
export const ROWS_PER_INSERT = 1_000;

/** Inserts rows in large statements; `skipExisting` makes a re-run leave existing rows alone. */
export async function insertInChunks<Table extends PgTable>(
  db: Executor,
  table: Table,
  rows: PgInsertValue<Table>[],
  { skipExisting = false }: { skipExisting?: boolean } = {},
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const insert = db.insert(table).values(rows.slice(start, start + ROWS_PER_INSERT));
    await (skipExisting ? insert.onConflictDoNothing() : insert);
  }
}
