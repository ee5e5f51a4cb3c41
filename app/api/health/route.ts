import { sql } from 'drizzle-orm';
import { getAppContext } from '@/server/context';

export async function GET(): Promise<Response> {
  const { db, driver } = getAppContext();
  try {
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok', database: driver });
  } catch {
    return Response.json({ status: 'unavailable', database: driver }, { status: 503 });
  }
}
