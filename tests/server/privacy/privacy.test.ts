import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import {
  accessRecords,
  assignments,
  channelInbound,
  channelMessages,
  checkInWatches,
  events,
  pushSubscriptions,
  rateLimits,
  sessions,
  users,
  volunteerImports,
  volunteers,
} from '../../../db/schema';
import { PRIVACY_EVENTS } from '../../../lib/privacy';
import { computeFigures } from '../../../server/assessments/figures';
import { submitAssessment } from '../../../server/assessments/submit-assessment';
import { enqueueText } from '../../../server/channels/outbox';
import { logProvider } from '../../../server/channels/providers/log';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { requestProgress } from '../../../server/deployments/queries';
import { reportStatus } from '../../../server/deployments/report-status';
import { requestDeployment } from '../../../server/deployments/request-deployment';
import { incidentCheckIns } from '../../../server/operations/queries';
import { reportCheckIn } from '../../../server/operations/report-check-in';
import { accessRecordPage } from '../../../server/privacy/access';
import { eraseVolunteer } from '../../../server/privacy/erase-volunteer';
import { myData } from '../../../server/privacy/my-data';
import { setConsent } from '../../../server/privacy/set-consent';
import { sweepRetention } from '../../../server/privacy/sweep-retention';
import { createVolunteer } from '../../../server/volunteers/create-volunteer';
import { volunteerRecord } from '../../../server/volunteers/queries';
import { reinstateVolunteer } from '../../../server/volunteers/reinstate-volunteer';
import { retireVolunteer } from '../../../server/volunteers/retire-volunteer';
import { rosterPage } from '../../../server/volunteers/roster';
import { createTestAccount } from '../../support/accounts';
import { openTestDatabase } from '../../support/database';
import {
  actorContext,
  actors,
  addIncident,
  addVolunteers,
  expectDomainError,
  inHours,
  uniqueSkill,
} from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

const KAPUAS = '62.03';
const SELAT = '62.03.01';
const DAY = 86_400_000;

/** A flood in Kapuas with one request, offered to the given volunteers (who share a skill of their own). */
async function deploy(volunteerIds: string[], skill: string, now: () => Date = () => new Date()) {
  const incident = await addIncident(handle, KAPUAS);
  const coordinator = actorContext(handle, actors.coordinator('62'), now);
  const { request } = await requestDeployment({
    ctx: coordinator,
    input: {
      incidentId: incident.id,
      slots: volunteerIds.length,
      pillarCodes: ['tagana'],
      skill,
      sourceRegencyCodes: [KAPUAS],
      meetingPoint: 'Dermaga Kuala Kapuas',
      deadline: inHours(6, now()).toISOString(),
    },
  });
  const offers = await handle.db.select().from(assignments).where(eq(assignments.requestId, request.id));
  const offerOf = new Map(offers.map((offer) => [offer.volunteerId, offer.id]));
  return { incident, request, coordinator, offerOf: (id: string) => offerOf.get(id)! };
}

/** Accept, leave and arrive (with a position from the phone). */
async function arrive(ctx: ReturnType<typeof actorContext>, assignmentId: string) {
  await acceptOffer({ ctx, input: { assignmentId } });
  await reportStatus({ ctx, input: { assignmentId, from: 'accepted', status: 'en_route' } });
  await reportStatus({
    ctx,
    input: { assignmentId, from: 'en_route', status: 'on_site', lat: -3.0104, lng: 114.3876 },
  });
}

async function eventsOf(assignmentId: string) {
  return handle.db
    .select()
    .from(events)
    .where(sql`${events.payload} ->> 'assignmentId' = ${assignmentId}`);
}

describe('consent to share the position', () => {
  it('without consent no position is stored, whatever the phone sends; after a yes it is', async () => {
    const skill = uniqueSkill();
    const [volunteer] = await addVolunteers(handle.db, {
      regencyCode: KAPUAS,
      count: 1,
      skills: [skill],
      positionConsent: null,
    });
    const { incident, coordinator, offerOf } = await deploy([volunteer!.id], skill);
    const phone = actorContext(handle, actors.volunteer(volunteer!));
    const assignmentId = offerOf(volunteer!.id);
    await arrive(phone, assignmentId);
    await reportCheckIn({ ctx: phone, input: { assignmentId, kind: 'safe', lat: -3.01, lng: 114.39 } });

    const [row] = await handle.db.select().from(assignments).where(eq(assignments.id, assignmentId));
    expect([row!.arrivedLat, row!.arrivedLng]).toEqual([null, null]);
    const [watch] = await handle.db.select().from(checkInWatches).where(eq(checkInWatches.assignmentId, assignmentId));
    expect([watch!.lastLat, watch!.lastLng, watch!.lastPositionAt]).toEqual([null, null, null]);
    expect((await eventsOf(assignmentId)).filter((event) => 'lat' in event.payload)).toEqual([]);
    const seen = await incidentCheckIns({ ctx: coordinator, input: { incidentId: incident.id } });
    expect(seen.entries.find((entry) => entry.assignmentId === assignmentId)!.lastPosition).toBeNull();

    // Only the volunteer answers for itself, and an empty answer says what to send.
    await expectDomainError(setConsent({ ctx: coordinator, input: { positions: true } }), 'FORBIDDEN');
    await expectDomainError(setConsent({ ctx: phone, input: {} }), 'INVALID');
    expect(await setConsent({ ctx: phone, input: { positions: true } })).toEqual({ positions: true, texts: true });
    await reportCheckIn({ ctx: phone, input: { assignmentId, kind: 'safe', lat: -3.02, lng: 114.4 } });
    const after = await incidentCheckIns({ ctx: coordinator, input: { incidentId: incident.id } });
    expect(after.entries.find((entry) => entry.assignmentId === assignmentId)!.lastPosition).toMatchObject({
      lat: -3.02,
      lng: 114.4,
    });
    expect(phone.published.map((event) => event.type)).toContain(PRIVACY_EVENTS.consentChanged);

    // Turned off again: the next check-in goes without, and the last position shown stays the consented one.
    await setConsent({ ctx: phone, input: { positions: false } });
    await reportCheckIn({ ctx: phone, input: { assignmentId, kind: 'safe', lat: -3.5, lng: 114.9 } });
    const last = (await eventsOf(assignmentId)).at(-1)!;
    expect(last.payload).not.toHaveProperty('lat');
  });

  it('a volunteer who said no to texts gets none: nothing is queued for them', async () => {
    const [volunteer] = await addVolunteers(handle.db, { regencyCode: KAPUAS, count: 1 });
    const phone = actorContext(handle, actors.volunteer(volunteer!));
    await setConsent({ ctx: phone, input: { texts: false } });
    const providers = { sms: logProvider() };
    const text = { channel: 'sms' as const, kind: 'offer' as const, provinceCode: '62', text: 'Posko: uji' };
    expect(
      await enqueueText(handle.db, providers, { ...text, toPhone: volunteer!.phone, volunteerId: volunteer!.id }),
    ).toBeNull();
    expect(await enqueueText(handle.db, providers, { ...text, toPhone: volunteer!.phone })).toBeNull();
    const queued = await handle.db.select().from(channelMessages).where(eq(channelMessages.toPhone, volunteer!.phone));
    expect(queued).toEqual([]);
  });

  it('a leader sees phone numbers masked; the coordinator of the incident sees them whole', async () => {
    const skill = uniqueSkill();
    const [volunteer] = await addVolunteers(handle.db, { regencyCode: KAPUAS, count: 1, skills: [skill] });
    const { request, coordinator } = await deploy([volunteer!.id], skill);
    const leader = actorContext(handle, actors.leader('62'));
    const masked = (await requestProgress({ ctx: leader, input: { requestId: request.id } })).volunteers[0]!.phone;
    expect(masked).toMatch(/^\+62\d{3}\*+\d{4}$/);
    expect(masked).not.toBe(volunteer!.phone);
    expect((await requestProgress({ ctx: coordinator, input: { requestId: request.id } })).volunteers[0]!.phone).toBe(
      volunteer!.phone,
    );
    const elsewhere = actorContext(handle, actors.coordinator('62', '62.71'));
    expect(
      (await requestProgress({ ctx: elsewhere, input: { requestId: request.id } })).volunteers[0]!.phone,
    ).toContain('*');
  });
});

describe('retention of positions', () => {
  it('removes positions of assignments ended past the limit, keeps the rest, and ends retired volunteers’ sessions', async () => {
    const skill = uniqueSkill();
    const crew = await addVolunteers(handle.db, { regencyCode: KAPUAS, count: 2, skills: [skill] });
    const [old, recent] = crew as [(typeof crew)[0], (typeof crew)[0]];
    let clock = new Date(Date.now() - 60 * DAY);
    const now = () => clock;
    const { offerOf } = await deploy([old.id, recent.id], skill, now);
    const oldPhone = actorContext(handle, actors.volunteer(old), now);
    const recentPhone = actorContext(handle, actors.volunteer(recent), now);
    await arrive(oldPhone, offerOf(old.id));
    await arrive(recentPhone, offerOf(recent.id));
    await reportCheckIn({
      ctx: oldPhone,
      input: { assignmentId: offerOf(old.id), kind: 'safe', lat: -3.1, lng: 114.2 },
    });
    await reportStatus({
      ctx: oldPhone,
      input: { assignmentId: offerOf(old.id), from: 'on_site', status: 'completed' },
    });
    clock = new Date(clock.getTime() + 25 * DAY);
    await reportStatus({
      ctx: recentPhone,
      input: { assignmentId: offerOf(recent.id), from: 'on_site', status: 'completed' },
    });

    // A retired volunteer with a phone still signed in and subscribed to pushes.
    const [retired] = await addVolunteers(handle.db, { regencyCode: KAPUAS, count: 1 });
    const account = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: retired!.id });
    const [session] = await handle.db.select().from(sessions).where(eq(sessions.userId, account.userId));
    await handle.db.insert(pushSubscriptions).values({
      userId: account.userId,
      sessionHash: session!.tokenHash,
      endpoint: `https://fcm.googleapis.com/fcm/send/uji-${retired!.id}`,
      p256dh: 'B'.repeat(87),
      auth: 'A'.repeat(22),
    });
    await retireVolunteer({
      ctx: actorContext(handle, actors.coordinator('62')),
      input: { volunteerId: retired!.id, reason: 'Pindah ke luar daerah' },
    });

    // 31 days after the first ended, 6 after the second: only the first loses its positions.
    const sweeper = actorContext(handle, actors.admin(), now);
    clock = new Date(clock.getTime() + 6 * DAY);
    const removed = await sweepRetention({ ctx: sweeper, now: clock, retentionDays: 30 });
    expect(removed.assignments).toBeGreaterThanOrEqual(1);
    const [oldRow] = await handle.db
      .select()
      .from(assignments)
      .where(eq(assignments.id, offerOf(old.id)));
    expect([oldRow!.arrivedLat, oldRow!.arrivedLng]).toEqual([null, null]);
    const [oldWatch] = await handle.db
      .select()
      .from(checkInWatches)
      .where(eq(checkInWatches.assignmentId, offerOf(old.id)));
    expect(oldWatch!.lastLat).toBeNull();
    expect((await eventsOf(offerOf(old.id))).filter((event) => 'lat' in event.payload)).toEqual([]);
    // The history stays: the arrival and the check-in are still in the log.
    expect((await eventsOf(offerOf(old.id))).map((event) => event.type)).toEqual(
      expect.arrayContaining(['assignment.on_site', 'checkin.reported', 'assignment.completed']),
    );

    const [recentRow] = await handle.db
      .select()
      .from(assignments)
      .where(eq(assignments.id, offerOf(recent.id)));
    expect([recentRow!.arrivedLat, recentRow!.arrivedLng]).toEqual([-3.0104, 114.3876]);
    expect(
      (await eventsOf(offerOf(recent.id))).find((event) => event.type === 'assignment.on_site')!.payload,
    ).toMatchObject({ lat: -3.0104, lng: 114.3876 });

    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, account.userId))).toEqual([]);
    expect(
      await handle.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, account.userId)),
    ).toEqual([]);
    const announced = sweeper.published.filter((event) => event.type === PRIVACY_EVENTS.retention);
    expect(announced).toHaveLength(1);
    expect(announced[0]!.payload).toMatchObject({ retentionDays: 30, sessions: 1, pushSubscriptions: 1 });

    // A second sweep finds nothing more and writes no event.
    const again = await sweepRetention({ ctx: sweeper, now: clock, retentionDays: 30 });
    expect(again).toEqual({ assignments: 0, events: 0, sessions: 0, pushSubscriptions: 0 });
    expect(sweeper.published.filter((event) => event.type === PRIVACY_EVENTS.retention)).toHaveLength(1);
  });
});

describe('erasure on request', () => {
  const NAME = 'Sri Wahyuningsih Lestari';
  const PHONE = '+6285298761234';
  const NIK = '6203014509870001';
  const EMERGENCY = 'Bambang Hartono Saputro';
  const EMERGENCY_PHONE = '+6281377712345';

  /** Every text, varchar and JSON column of every table, searched for the person in every format. */
  async function findPerson(): Promise<string[]> {
    const columns = await handle.db.execute(
      sql`select table_name, column_name from information_schema.columns
          where table_schema = current_schema() and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    const needles = [
      `%${NAME}%`,
      `%${PHONE.slice(3)}%`,
      '%0852 9876 1234%',
      '%0852-9876-1234%',
      `%${NIK}%`,
      `%${EMERGENCY}%`,
      `%${EMERGENCY_PHONE.slice(3)}%`,
    ];
    const found: string[] = [];
    for (const { table_name: table, column_name: column } of (
      columns as unknown as { rows: { table_name: string; column_name: string }[] }
    ).rows) {
      const hits = await handle.db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table)}
            where ${sql.identifier(column)}::text ilike any (array[${sql.join(
              needles.map((needle) => sql`${needle}`),
              sql`, `,
            )}]::text[])`,
      );
      const n = Number((hits as unknown as { rows: { n: number }[] }).rows[0]!.n);
      if (n > 0) found.push(`${table}.${column}: ${n}`);
    }
    return found;
  }

  it('leaves no name, phone or NIK in any table, while the figures and the request’s counts stay', async () => {
    const skill = uniqueSkill();
    const kalteng = actorContext(handle, actors.coordinator('62'));
    const office = await createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62' });
    const volunteer = await createVolunteer({
      ctx: kalteng,
      input: {
        name: NAME,
        phone: '0852-9876-1234',
        nik: NIK,
        pillarCode: 'tagana',
        regencyCode: KAPUAS,
        districtCode: SELAT,
        village: 'Murung Keramat',
        skills: [skill],
        birthYear: 1987,
        gender: 'female',
        emergencyContactName: EMERGENCY,
        emergencyContactPhone: EMERGENCY_PHONE,
      },
    });
    const account = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: volunteer.id });
    const [session] = await handle.db.select().from(sessions).where(eq(sessions.userId, account.userId));
    await handle.db.insert(pushSubscriptions).values({
      userId: account.userId,
      sessionHash: session!.tokenHash,
      endpoint: `https://fcm.googleapis.com/fcm/send/uji-${volunteer.id}`,
      p256dh: 'B'.repeat(87),
      auth: 'A'.repeat(22),
    });
    const phone = actorContext(handle, account.actor);
    await setConsent({ ctx: phone, input: { positions: true } });

    const { incident, request, offerOf } = await deploy([volunteer.id], skill);
    const assignmentId = offerOf(volunteer.id);
    await arrive(phone, assignmentId);
    await reportCheckIn({
      ctx: phone,
      input: { assignmentId, kind: 'help', note: `${NAME} terjebak, hubungi 0852 9876 1234`, lat: -3.01, lng: 114.39 },
    });
    await submitAssessment({
      ctx: phone,
      input: {
        incidentId: incident.id,
        districtCode: SELAT,
        displacedFamilies: 12,
        displacedPeople: 40,
        housesFlooded: 9,
        lat: -3.01,
        lng: 114.39,
        idempotencyKey: `kaji-${volunteer.id}`,
      },
    });
    await reportStatus({ ctx: phone, input: { assignmentId, from: 'on_site', status: 'completed' } });

    // Copies elsewhere: a text, a reply, an import row as typed, failed sign-ins, a roster search by number.
    await enqueueText(
      handle.db,
      { sms: logProvider() },
      {
        channel: 'sms',
        kind: 'reply',
        provinceCode: '62',
        toPhone: PHONE,
        text: `Halo ${NAME}, tawaran tugas banjir`,
        volunteerId: volunteer.id,
      },
    );
    await handle.db.insert(channelInbound).values({
      provider: 'log',
      providerMessageId: `uji-${volunteer.id}`,
      fromPhone: PHONE,
      text: `STATUS dari ${NAME}`,
      receivedAt: new Date(),
      volunteerId: volunteer.id,
    });
    await handle.db.insert(volunteerImports).values({
      createdBy: office.userId,
      provinceCode: '62',
      fileName: 'relawan-kapuas.xlsx',
      fileHash: 'a'.repeat(64),
      sheet: 'Sheet1',
      mapping: { Nama: 'name', 'No HP': 'phone', NIK: 'nik' },
      rows: [
        { row: 4, raw: { Nama: NAME.toUpperCase(), 'No HP': '0852 9876 1234', NIK: NIK }, outcome: 'update' },
        { row: 5, raw: { Nama: 'Orang Lain Sekali', 'No HP': '0812 0000 1111' }, outcome: 'create' },
      ],
      summary: { create: 1, update: 1 },
    });
    await handle.db.insert(rateLimits).values({ key: `signin-account:${PHONE}`, points: 2 });
    await rosterPage(handle.db, office.actor, { search: '0852-9876-1234' }, new Date());
    await volunteerRecord(handle.db, office.actor, volunteer.id, new Date());
    expect((await findPerson()).length).toBeGreaterThan(5);

    const figuresBefore = await computeFigures(handle.db, incident.id);
    const countsBefore = (await requestProgress({ ctx: kalteng, input: { requestId: request.id } })).counts;

    // A kabupaten coordinator may not erase; the province's coordinator (or an admin) may.
    await expectDomainError(
      eraseVolunteer({
        ctx: actorContext(handle, actors.coordinator('62', KAPUAS)),
        input: { volunteerId: volunteer.id, reason: 'Permintaan tertulis' },
      }),
      'FORBIDDEN',
    );
    const province = actorContext(handle, office.actor);
    const erased = await eraseVolunteer({
      ctx: province,
      input: { volunteerId: volunteer.id, reason: `Permintaan tertulis ${NAME}` },
    });
    expect(erased.reference).toBe(`Relawan terhapus #${volunteer.id.slice(0, 8)}`);
    expect(province.published.map((event) => event.type)).toEqual([PRIVACY_EVENTS.erased]);

    expect(await findPerson()).toEqual([]);
    // The same figures, counted the same; only the submitter's name is now the anonymous reference.
    const figuresAfter = await computeFigures(handle.db, incident.id);
    expect(figuresAfter.totals).toEqual(figuresBefore.totals);
    expect(JSON.stringify(figuresAfter)).toBe(JSON.stringify(figuresBefore).replaceAll(NAME, erased.reference));
    expect(figuresAfter.totals).toMatchObject({ displacedFamilies: 12, displacedPeople: 40, housesFlooded: 9 });
    expect((await requestProgress({ ctx: kalteng, input: { requestId: request.id } })).counts).toEqual(countsBefore);

    const [row] = await handle.db.select().from(volunteers).where(eq(volunteers.id, volunteer.id));
    expect(row).toMatchObject({ name: erased.reference, nik: null, village: null, birthYear: null });
    expect(row!.retiredAt).not.toBeNull();
    const [user] = await handle.db.select().from(users).where(eq(users.id, account.userId));
    expect(user).toMatchObject({ phone: null, passwordHash: null, displayName: erased.reference });
    expect(user!.disabledAt).not.toBeNull();
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, account.userId))).toEqual([]);
    expect(
      await handle.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, account.userId)),
    ).toEqual([]);
    const [assignment] = await handle.db.select().from(assignments).where(eq(assignments.id, assignmentId));
    expect([assignment!.status, assignment!.arrivedLat]).toEqual(['completed', null]);
    // The other person in the same import keeps their row.
    const [imported] = await handle.db
      .select()
      .from(volunteerImports)
      .where(eq(volunteerImports.createdBy, office.userId));
    expect(JSON.stringify(imported!.rows)).toContain('Orang Lain Sekali');
    // The access records stay (who looked, when), now about the anonymous reference.
    const reads = await handle.db
      .select()
      .from(accessRecords)
      .where(and(eq(accessRecords.actorId, office.userId), eq(accessRecords.kind, 'record')));
    expect(reads).toHaveLength(1);

    // It cannot be undone, nor done twice; rosters made after it do not list the person.
    await expectDomainError(reinstateVolunteer({ ctx: kalteng, input: { volunteerId: volunteer.id } }), 'CONFLICT');
    await expectDomainError(
      eraseVolunteer({ ctx: province, input: { volunteerId: volunteer.id, reason: 'Sekali lagi' } }),
      'CONFLICT',
    );
    const roster = await rosterPage(
      handle.db,
      office.actor,
      { retired: 'all', search: 'Relawan terhapus' },
      new Date(),
    );
    expect(roster.rows).toEqual([]);
  });

  it('refuses while an offer runs, and refuses leaders and volunteers', async () => {
    const skill = uniqueSkill();
    const [volunteer] = await addVolunteers(handle.db, { regencyCode: KAPUAS, count: 1, skills: [skill] });
    await deploy([volunteer!.id], skill);
    const admin = actorContext(handle, actors.admin());
    await expectDomainError(
      eraseVolunteer({ ctx: admin, input: { volunteerId: volunteer!.id, reason: 'Permintaan' } }),
      'CONFLICT',
    );
    await expectDomainError(
      eraseVolunteer({
        ctx: actorContext(handle, actors.leader('62')),
        input: { volunteerId: volunteer!.id, reason: 'x y z' },
      }),
      'FORBIDDEN',
    );
    await expectDomainError(eraseVolunteer({ ctx: admin, input: { volunteerId: volunteer!.id } }), 'INVALID');
  });
});

describe('the volunteer’s own data and who looked at it', () => {
  it('the volunteer reads its own data in full, with who opened its record; the audit shows the reads in scope', async () => {
    const [volunteer] = await addVolunteers(handle.db, { regencyCode: KAPUAS, count: 1 });
    const account = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: volunteer!.id });
    const office = await createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62', regencyCode: KAPUAS });
    await volunteerRecord(handle.db, office.actor, volunteer!.id, new Date());
    // Opened again while the page refreshes itself: one access, not two.
    await volunteerRecord(handle.db, office.actor, volunteer!.id, new Date());

    const data = await myData({ ctx: actorContext(handle, account.actor) });
    expect(data.volunteer).toMatchObject({ name: volunteer!.name, phone: volunteer!.phone });
    expect(data.consent).toEqual({ positions: true, texts: true });
    expect(data.accessedBy).toEqual([
      expect.objectContaining({ who: expect.stringContaining('Uji coordinator'), role: 'Koordinator' }),
    ]);
    await expectDomainError(myData({ ctx: actorContext(handle, office.actor) }), 'FORBIDDEN');

    const own = await accessRecordPage(handle.db, office.actor, { volunteerId: volunteer!.id });
    expect(own.entries).toHaveLength(1);
    expect(own.entries[0]).toMatchObject({ kind: 'record', volunteer: { id: volunteer!.id, name: volunteer!.name } });
    const otherKabupaten = await createTestAccount(handle.db, {
      role: 'coordinator',
      provinceCode: '62',
      regencyCode: '62.71',
    });
    expect((await accessRecordPage(handle.db, otherKabupaten.actor, { volunteerId: volunteer!.id })).entries).toEqual(
      [],
    );
    await expectDomainError((async () => accessRecordPage(handle.db, actors.leader('62'), {}))(), 'FORBIDDEN');
  });
});
