import { and, asc, eq, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords';
import type { Executor } from '../../db/client';
import { users, volunteers, type NewUser } from '../../db/schema';
import { ROLE_LABELS } from '../../lib/roles';

/** The one password of every demo account; demo mode only, printed at start. */
export const DEMO_PASSWORD = 'siaga-demo';

export interface DemoAccount {
  role: NewUser['role'];
  login: string;
  name: string;
  scope: string;
}

const STAFF: (Omit<NewUser, 'passwordHash'> & { scope: string })[] = [
  { role: 'admin', username: 'admin', displayName: 'Admin Posko', scope: 'seluruh Indonesia' },
  {
    role: 'coordinator',
    username: 'koord.kalteng',
    displayName: 'Koordinator Dinsos Kalteng',
    provinceCode: '62',
    scope: 'Provinsi Kalimantan Tengah',
  },
  {
    role: 'coordinator',
    username: 'koord.kapuas',
    displayName: 'Koordinator Dinsos Kapuas',
    provinceCode: '62',
    regencyCode: '62.03',
    scope: 'Kabupaten Kapuas',
  },
  {
    role: 'leader',
    username: 'pimpinan.kalteng',
    displayName: 'Kepala Dinas Sosial Kalteng',
    provinceCode: '62',
    scope: 'Provinsi Kalimantan Tengah',
  },
  {
    role: 'coordinator',
    username: 'koord.jabar',
    displayName: 'Koordinator Dinsos Jawa Barat',
    provinceCode: '32',
    scope: 'Provinsi Jawa Barat',
  },
];

/** Tagana members who get demo accounts: a ketua regu in Kapuas, members in three other kabupaten. */
const VOLUNTEER_REGENCIES: { regencyCode: string; teamLeader: boolean; scope: string }[] = [
  { regencyCode: '62.03', teamLeader: true, scope: 'Tagana Kapuas (ketua regu)' },
  { regencyCode: '62.03', teamLeader: false, scope: 'Tagana Kapuas' },
  { regencyCode: '62.11', teamLeader: false, scope: 'Tagana Pulang Pisau' },
  { regencyCode: '62.71', teamLeader: false, scope: 'Tagana Kota Palangka Raya' },
];

/**
 * The demo's accounts, created when missing (so an older demo database gains them too). Only called
 * in demo mode: a real deployment never has a known password.
 */
export async function seedDemoAccounts(db: Executor): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts: DemoAccount[] = [];
  for (const { scope, ...staff } of STAFF) {
    await db
      .insert(users)
      .values({ ...staff, passwordHash })
      .onConflictDoNothing();
    accounts.push({ role: staff.role, login: staff.username!, name: staff.displayName, scope });
  }

  const taken = new Set<string>();
  for (const { regencyCode, teamLeader, scope } of VOLUNTEER_REGENCIES) {
    const candidates = await db
      .select({ id: volunteers.id, name: volunteers.name, phone: volunteers.phone, userId: users.id })
      .from(volunteers)
      .leftJoin(users, eq(users.volunteerId, volunteers.id))
      .where(
        and(
          eq(volunteers.regencyCode, regencyCode),
          eq(volunteers.pillarCode, 'tagana'),
          eq(volunteers.isTeamLeader, teamLeader),
          // Siaga, so a demo request reaches every demo phone.
          eq(volunteers.availability, 'available'),
        ),
      )
      // Ones that already have a demo account first, so restarts pick the same people.
      .orderBy(asc(sql`${users.id} is null`), asc(volunteers.phone))
      .limit(5);
    const volunteer = candidates.find((candidate) => !taken.has(candidate.id));
    if (!volunteer) continue;
    taken.add(volunteer.id);
    if (!volunteer.userId) {
      await db
        .insert(users)
        .values({
          role: 'volunteer',
          displayName: volunteer.name,
          phone: volunteer.phone,
          volunteerId: volunteer.id,
          passwordHash,
        })
        .onConflictDoNothing();
    }
    accounts.push({ role: 'volunteer', login: localPhone(volunteer.phone), name: volunteer.name, scope });
  }
  return accounts;
}

/** "+6281234567890" as people write it: "081234567890". */
export function localPhone(phone: string): string {
  return `0${phone.slice(3)}`;
}

/** The demo's sign-ins, as `npm start` and `npm run cluster` print them. */
export function printDemoAccounts(accounts: DemoAccount[], log: (line: string) => void): void {
  log(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const account of accounts) {
    log(`  ${ROLE_LABELS[account.role].padEnd(12)} ${account.login.padEnd(18)} ${account.name} — ${account.scope}`);
  }
}
