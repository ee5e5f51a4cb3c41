import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import {
  accessRecords,
  activationTokens,
  assessmentPhotos,
  assessments,
  assignments,
  channelInbound,
  channelMessages,
  checkInWatches,
  commandReceipts,
  events,
  pushSubscriptions,
  rateLimits,
  sessions,
  signups,
  sitreps,
  users,
  volunteerImports,
  volunteers,
} from '../../db/schema';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../../lib/assignment-state';
import { EraseVolunteer, PRIVACY_EVENTS, erasedName } from '../../lib/privacy';
import type { ActorContext } from '../auth/actor';
import { scopeCovers } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { lockVolunteer } from '../volunteers/record';
import { scrubber, scrubJson, type Person } from './scrub';

/** Stands in for an erased phone number: "+6200…" is no Indonesian number, and it satisfies the column's format. */
export const ERASED_PHONE = '+620000000000';

/** An offer waiting or an assignment under way keeps the person needed: erase after it ends. */
const RUNNING_STATUSES = ['offered', ...ACTIVE_ASSIGNMENT_STATUSES] as const;

export interface ErasureResult {
  volunteerId: string;
  reference: string;
  erasedAt: Date;
  /** Rows changed per table, for the event and the person who asked. */
  changed: Record<string, number>;
}

/** Text patterns (SQL ILIKE) that find a row mentioning the person, before the exact scrub in code. */
function mentions(column: SQL, person: Person): SQL {
  const needles = [
    ...person.names.map((name) => `%${name.replace(/[\\%_]/g, '\\$&')}%`),
    ...person.phones.map((phone) => `%${phone.slice(3)}%`),
    ...person.niks.map((nik) => `%${nik}%`),
  ];
  return or(...needles.map((needle) => sql`${column} ilike ${needle}`))!;
}

/**
 * Erases a volunteer on request (UU PDP): an admin or the province's coordinator. Personal fields are
 * removed, the account and its sessions end, positions, sign-ups and import rows are cleaned, and every
 * copy of the name, phone and NIK in the log and elsewhere becomes an anonymous reference, so counts and
 * history stay. One `volunteer.erased` event; it cannot be undone.
 */
export async function eraseVolunteer({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<ErasureResult> {
  const { volunteerId, reason } = parseInput(EraseVolunteer, input);
  const { actor } = ctx;
  const provinceWide = actor.role === 'admin' || (actor.role === 'coordinator' && actor.scope.regencyCode === null);
  if (!provinceWide) {
    throw new DomainError('FORBIDDEN', 'Hanya admin atau koordinator provinsi yang dapat menghapus data relawan.');
  }
  return commitWithEvents(ctx, async (tx) => {
    const { volunteer, provinceCode } = await lockVolunteer(tx, volunteerId);
    if (!scopeCovers(actor, { provinceCode })) throw new DomainError('FORBIDDEN', 'Ini di luar wilayah tugas Anda.');
    if (volunteer.erasedAt) throw new DomainError('CONFLICT', 'Data relawan ini sudah dihapus.');
    const [running] = await tx
      .select({ status: assignments.status })
      .from(assignments)
      .where(and(eq(assignments.volunteerId, volunteerId), inArray(assignments.status, RUNNING_STATUSES)))
      .limit(1);
    if (running) {
      throw new DomainError(
        'CONFLICT',
        running.status === 'offered'
          ? 'Relawan ini masih punya tawaran tugas; batalkan tawarannya dulu, lalu hapus datanya.'
          : 'Relawan ini sedang bertugas; hapus datanya setelah tugasnya selesai atau dibatalkan.',
      );
    }

    const now = ctx.now();
    const reference = erasedName(volunteerId);
    const [account] = await tx.select().from(users).where(eq(users.volunteerId, volunteerId));
    const person: Person = {
      names: [...new Set([volunteer.name, account?.displayName, volunteer.emergencyContactName].filter(isText))].filter(
        (name) => name !== reference,
      ),
      phones: [volunteer.phone, volunteer.emergencyContactPhone, account?.phone].filter(isText),
      niks: volunteer.nik ? [volunteer.nik] : [],
      reference,
    };
    const scrub = scrubber(person);
    const changed: Record<string, number> = {};
    const count = (table: string, rows: number) => {
      if (rows > 0) changed[table] = (changed[table] ?? 0) + rows;
    };

    await tx
      .update(volunteers)
      .set({
        name: reference,
        phone: ERASED_PHONE,
        nik: null,
        village: null,
        gender: null,
        birthYear: null,
        emergencyContactName: null,
        emergencyContactPhone: null,
        skills: [],
        positionConsent: false,
        textConsent: false,
        retiredAt: volunteer.retiredAt ?? now,
        retiredReason: 'Data dihapus atas permintaan',
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(volunteers.id, volunteerId));

    let endedSessions = 0;
    if (account) {
      await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, account.id));
      endedSessions = (await tx.delete(sessions).where(eq(sessions.userId, account.id)).returning()).length;
      await tx.delete(activationTokens).where(eq(activationTokens.userId, account.id));
      await tx
        .update(users)
        .set({
          displayName: reference,
          username: null,
          phone: null,
          passwordHash: null,
          disabledAt: now,
          updatedAt: now,
        })
        .where(eq(users.id, account.id));
    }

    const own = await tx
      .update(assignments)
      .set({ arrivedLat: null, arrivedLng: null, declineReason: null })
      .where(eq(assignments.volunteerId, volunteerId))
      .returning({ id: assignments.id });
    const assignmentIds = own.map((row) => row.id);
    if (assignmentIds.length > 0) {
      await tx
        .update(checkInWatches)
        .set({ lastLat: null, lastLng: null, lastPositionAt: null, lastNote: null, contactedNote: null })
        .where(inArray(checkInWatches.assignmentId, assignmentIds));
    }
    count(
      'assessments',
      (
        await tx
          .update(assessments)
          .set({ submitterName: reference, lat: null, lng: null })
          .where(eq(assessments.volunteerId, volunteerId))
          .returning({ id: assessments.id })
      ).length,
    );
    // Photos the volunteer took may show people and places the volunteer chose: they go with the person.
    count(
      'assessment_photos',
      (
        await tx
          .delete(assessmentPhotos)
          .where(eq(assessmentPhotos.volunteerId, volunteerId))
          .returning({ id: assessmentPhotos.id })
      ).length,
    );

    // Sign-ups of the person (approved into this record, matched to it, or with the same phone or NIK) go.
    const signupMatch = [eq(signups.volunteerId, volunteerId), eq(signups.duplicateOf, volunteerId)];
    for (const phone of person.phones) signupMatch.push(eq(signups.phone, phone));
    for (const nik of person.niks) signupMatch.push(eq(signups.nik, nik));
    count(
      'signups',
      (
        await tx
          .delete(signups)
          .where(or(...signupMatch))
          .returning({ id: signups.id })
      ).length,
    );

    // Texts to and from the person keep their place in the outbox and the counts, without number or words.
    const texts = await tx
      .select({ id: channelMessages.id, text: channelMessages.text })
      .from(channelMessages)
      .where(or(eq(channelMessages.volunteerId, volunteerId), inArray(channelMessages.toPhone, person.phones)));
    for (const text of texts) {
      await tx
        .update(channelMessages)
        .set({ toPhone: ERASED_PHONE, text: scrub(text.text), lastError: null })
        .where(eq(channelMessages.id, text.id));
    }
    count('channel_messages', texts.length);
    const inbound = await tx
      .select({ id: channelInbound.id, text: channelInbound.text, reply: channelInbound.reply })
      .from(channelInbound)
      .where(
        or(
          eq(channelInbound.volunteerId, volunteerId),
          ...person.phones.map((phone) => sql`${channelInbound.fromPhone} like ${`%${phone.slice(3)}`}`),
        ),
      );
    for (const row of inbound) {
      await tx
        .update(channelInbound)
        .set({ fromPhone: ERASED_PHONE, text: scrub(row.text), reply: row.reply === null ? null : scrub(row.reply) })
        .where(eq(channelInbound.id, row.id));
    }
    count('channel_inbound', inbound.length);
    // Failed sign-ins are counted under the number typed.
    count(
      'rate_limits',
      (
        await tx
          .delete(rateLimits)
          .where(mentions(sql`${rateLimits.key}`, person))
          .returning({ key: rateLimits.key })
      ).length,
    );

    // Every JSON copy: the log (the person's own events lose every personal field), command answers,
    // import rows, situation reports and the access records' filters.
    const logged = await tx
      .select({ id: events.id, volunteerId: events.volunteerId, payload: events.payload })
      .from(events)
      .where(or(eq(events.volunteerId, volunteerId), mentions(sql`${events.payload}::text`, person)));
    for (const row of logged) {
      const payload = scrubJson(row.payload, scrub, person, row.volunteerId === volunteerId);
      await tx
        .update(events)
        .set({ payload: payload as Record<string, unknown> })
        .where(eq(events.id, row.id));
    }
    count('events', logged.length);
    count('command_receipts', await scrubJsonColumn(tx, commandReceipts, commandReceipts.key, 'result', scrub, person));
    count('volunteer_imports', await scrubImports(tx, provinceCode, scrub, person));
    count('sitreps', await scrubSitreps(tx, scrub, person));
    const reads = await tx
      .select({ id: accessRecords.id, filter: accessRecords.filter })
      .from(accessRecords)
      .where(
        or(
          mentions(sql`${accessRecords.filter}::text`, person),
          // A search as typed ("0852-9876-1234") is found in code.
          and(
            sql`${accessRecords.filter} ? 'search'`,
            or(eq(accessRecords.provinceCode, provinceCode), isNull(accessRecords.provinceCode)),
          ),
        ),
      );
    let changedReads = 0;
    for (const row of reads) {
      const filter = scrubJson(row.filter, scrub, person, false) as Record<string, unknown>;
      if (JSON.stringify(filter) === JSON.stringify(row.filter)) continue;
      changedReads += 1;
      await tx.update(accessRecords).set({ filter }).where(eq(accessRecords.id, row.id));
    }
    count('access_records', changedReads);

    const result: ErasureResult = { volunteerId, reference, erasedAt: now, changed };
    return {
      result,
      events: [
        {
          type: PRIVACY_EVENTS.erased,
          provinceCode,
          regencyCode: volunteer.regencyCode,
          volunteerId,
          payload: { name: reference, reason: scrub(reason), endedSessions, changed },
        },
      ],
    };
  });
}

const isText = (value: string | null | undefined): value is string => typeof value === 'string' && value !== '';

async function scrubJsonColumn(
  tx: Transaction,
  table: typeof commandReceipts,
  key: typeof commandReceipts.key,
  column: 'result',
  scrub: (text: string) => string,
  person: Person,
): Promise<number> {
  const rows = await tx
    .select({ key, value: table[column] })
    .from(table)
    .where(mentions(sql`${table[column]}::text`, person));
  for (const row of rows) {
    await tx
      .update(table)
      .set({ [column]: scrubJson(row.value, scrub, person, false) as Record<string, unknown> })
      .where(eq(key, row.key));
  }
  return rows.length;
}

/** Import rows as typed (any phone format): every import of the province is read and scrubbed in code. */
async function scrubImports(
  tx: Transaction,
  provinceCode: string,
  scrub: (text: string) => string,
  person: Person,
): Promise<number> {
  const rows = await tx
    .select({ id: volunteerImports.id, rows: volunteerImports.rows, fileName: volunteerImports.fileName })
    .from(volunteerImports)
    .where(eq(volunteerImports.provinceCode, provinceCode));
  let changed = 0;
  for (const row of rows) {
    const before = JSON.stringify(row.rows);
    const after = scrubJson(row.rows, scrub, person, false) as unknown[];
    if (JSON.stringify(after) === before && scrub(row.fileName) === row.fileName) continue;
    await tx
      .update(volunteerImports)
      .set({ rows: after, fileName: scrub(row.fileName) })
      .where(eq(volunteerImports.id, row.id));
    changed += 1;
  }
  return changed;
}

async function scrubSitreps(tx: Transaction, scrub: (text: string) => string, person: Person): Promise<number> {
  const rows = await tx
    .select({ id: sitreps.id, sections: sitreps.sections, snapshot: sitreps.snapshot, issuerName: sitreps.issuerName })
    .from(sitreps)
    .where(or(mentions(sql`${sitreps.snapshot}::text`, person), mentions(sql`${sitreps.sections}::text`, person)));
  for (const row of rows) {
    await tx
      .update(sitreps)
      .set({
        sections: scrubJson(row.sections, scrub, person, false) as Record<string, unknown>,
        snapshot: scrubJson(row.snapshot, scrub, person, false) as Record<string, unknown>,
      })
      .where(eq(sitreps.id, row.id));
  }
  return rows.length;
}
