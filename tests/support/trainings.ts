import type { Executor } from '../../db/client';
import { volunteers, type Volunteer } from '../../db/schema';

let counter = 0;

/**
 * Volunteers with real-looking mobile numbers (+62 899 …, unique per test process) so pasted lists of
 * phones resolve to them; `name` makes the names predictable for pasting names.
 */
export async function addPhoneVolunteers(
  db: Executor,
  spec: { regencyCode: string; count: number; pillarCode?: string; name?: (n: number) => string },
): Promise<Volunteer[]> {
  const rows = Array.from({ length: spec.count }, (_, index) => {
    counter += 1;
    const phone = `+62899${String(process.pid % 10_000).padStart(4, '0')}${String(counter).padStart(4, '0')}`;
    return {
      name: spec.name ? spec.name(index) : `Peserta Latsar ${process.pid}-${counter}`,
      phone,
      pillarCode: spec.pillarCode ?? 'pensosmas',
      regencyCode: spec.regencyCode,
      isCivilServant: false,
    };
  });
  return db.insert(volunteers).values(rows).returning();
}

/** "+6289912340001" as a clerk types it: "0899-1234-0001". */
export const typedPhone = (phone: string) => `0${phone.slice(3, 6)}-${phone.slice(6, 10)}-${phone.slice(10)}`;
