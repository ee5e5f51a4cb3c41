import { asc, desc, eq } from 'drizzle-orm';
import writeXlsxFile from 'write-excel-file/node';
import type { Executor } from '../../db/client';
import {
  accessRecords,
  assignments,
  channelInbound,
  channelMessages,
  deploymentRequests,
  districts,
  events,
  incidents,
  pillars,
  regencies,
  sessions,
  trainings,
  users,
  volunteers,
  volunteerTrainings,
} from '../../db/schema';
import type { Consent } from '../../lib/privacy';
import { ROLE_LABELS, type Role } from '../../lib/roles';
import type { ActorContext } from '../auth/actor';
import { DomainError } from '../errors';
import { defused } from '../volunteers/export-files';

/** Everything Posko keeps about one volunteer, as the volunteer may see and download it. */
export interface MyData {
  volunteer: {
    name: string;
    phone: string;
    nik: string | null;
    pillar: string;
    regency: string;
    district: string | null;
    village: string | null;
    gender: string | null;
    birthYear: number | null;
    skills: string[];
    isCivilServant: boolean;
    taganaRank: string | null;
    isTeamLeader: boolean;
    emergencyContactName: string | null;
    emergencyContactPhone: string | null;
    availability: string;
    createdAt: string;
  };
  consent: Consent;
  account: {
    phone: string | null;
    createdAt: string;
    sessions: { createdAt: string; lastSeenAt: string; device: string | null }[];
  } | null;
  trainings: { name: string; organiser: string; completedOn: string; validUntil: string | null }[];
  assignments: {
    incident: string;
    status: string;
    offeredAt: string;
    arrivedAt: string | null;
    completedAt: string | null;
    arrivedLat: number | null;
    arrivedLng: number | null;
  }[];
  /** Check-ins and other events about the volunteer, with the positions they carry. */
  log: { type: string; at: string; details: Record<string, unknown> }[];
  texts: { at: string; channel: string; to: string; text: string; status: string }[];
  textsReceived: { at: string; from: string; text: string }[];
  /** Who opened the volunteer's record. */
  accessedBy: { at: string; who: string; role: string }[];
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** `GET /api/me/data`: the signed-in volunteer's own data, in full; nobody reads another's through it. */
export async function myData({ ctx }: { ctx: ActorContext }): Promise<MyData> {
  const { actor, db } = ctx;
  if (actor.role !== 'volunteer') {
    throw new DomainError('FORBIDDEN', 'Halaman ini untuk relawan: data Anda sendiri sebagai relawan.');
  }
  return volunteerData(db, actor.volunteerId, actor.userId);
}

async function volunteerData(db: Executor, volunteerId: string, userId: string): Promise<MyData> {
  const [row] = await db
    .select({
      volunteer: volunteers,
      pillar: pillars.name,
      regency: regencies.name,
      district: districts.name,
    })
    .from(volunteers)
    .innerJoin(pillars, eq(pillars.code, volunteers.pillarCode))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .leftJoin(districts, eq(districts.code, volunteers.districtCode))
    .where(eq(volunteers.id, volunteerId));
  if (!row) throw new DomainError('NOT_FOUND', 'Relawan tidak ditemukan.');
  const { volunteer } = row;
  const [account, sessionRows, trainingRows, assignmentRows, logRows, textRows, inboundRows, readRows] =
    await Promise.all([
      db.select().from(users).where(eq(users.id, userId)),
      db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastSeenAt)),
      db
        .select({
          name: trainings.name,
          organiser: trainings.organiser,
          completedOn: volunteerTrainings.completedOn,
          validUntil: volunteerTrainings.validUntil,
        })
        .from(volunteerTrainings)
        .innerJoin(trainings, eq(trainings.id, volunteerTrainings.trainingId))
        .where(eq(volunteerTrainings.volunteerId, volunteerId))
        .orderBy(desc(volunteerTrainings.completedOn)),
      db
        .select({ assignment: assignments, incident: incidents.title })
        .from(assignments)
        .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
        .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
        .where(eq(assignments.volunteerId, volunteerId))
        .orderBy(desc(assignments.offeredAt)),
      db
        .select({ type: events.type, at: events.createdAt, payload: events.payload })
        .from(events)
        .where(eq(events.volunteerId, volunteerId))
        .orderBy(asc(events.id)),
      db.select().from(channelMessages).where(eq(channelMessages.volunteerId, volunteerId)),
      db.select().from(channelInbound).where(eq(channelInbound.volunteerId, volunteerId)),
      db
        .select({ at: accessRecords.createdAt, who: users.displayName, role: users.role })
        .from(accessRecords)
        .leftJoin(users, eq(users.id, accessRecords.actorId))
        .where(eq(accessRecords.volunteerId, volunteerId))
        .orderBy(desc(accessRecords.id)),
    ]);
  const user = account[0];
  return {
    volunteer: {
      name: volunteer.name,
      phone: volunteer.phone,
      nik: volunteer.nik,
      pillar: row.pillar,
      regency: row.regency,
      district: row.district,
      village: volunteer.village,
      gender: volunteer.gender,
      birthYear: volunteer.birthYear,
      skills: volunteer.skills,
      isCivilServant: volunteer.isCivilServant,
      taganaRank: volunteer.taganaRank,
      isTeamLeader: volunteer.isTeamLeader,
      emergencyContactName: volunteer.emergencyContactName,
      emergencyContactPhone: volunteer.emergencyContactPhone,
      availability: volunteer.availability,
      createdAt: volunteer.createdAt.toISOString(),
    },
    consent: { positions: volunteer.positionConsent, texts: volunteer.textConsent },
    account: user
      ? {
          phone: user.phone,
          createdAt: user.createdAt.toISOString(),
          sessions: sessionRows
            .filter((session) => !session.revokedAt)
            .map((session) => ({
              createdAt: session.createdAt.toISOString(),
              lastSeenAt: session.lastSeenAt.toISOString(),
              device: session.userAgent,
            })),
        }
      : null,
    trainings: trainingRows,
    assignments: assignmentRows.map(({ assignment, incident }) => ({
      incident,
      status: assignment.status,
      offeredAt: assignment.offeredAt.toISOString(),
      arrivedAt: iso(assignment.arrivedAt),
      completedAt: iso(assignment.completedAt),
      arrivedLat: assignment.arrivedLat,
      arrivedLng: assignment.arrivedLng,
    })),
    log: logRows.map((entry) => ({ type: entry.type, at: entry.at.toISOString(), details: entry.payload })),
    texts: textRows.map((text) => ({
      at: text.createdAt.toISOString(),
      channel: text.channel,
      to: text.toPhone,
      text: text.text,
      status: text.status,
    })),
    textsReceived: inboundRows.map((text) => ({
      at: text.receivedAt.toISOString(),
      from: text.fromPhone,
      text: text.text,
    })),
    accessedBy: readRows.map((read) => ({
      at: read.at.toISOString(),
      who: read.who ?? '—',
      role: read.role ? ROLE_LABELS[read.role as Role] : '—',
    })),
  };
}

type Cell = string | number | boolean | null;

/** The same data as an Excel file: one sheet per part, Indonesian headers. */
export async function myDataXlsx(data: MyData): Promise<Buffer> {
  const sheet = (name: string, columns: string[], rows: Cell[][]) => ({
    sheet: name,
    stickyRowsCount: 1,
    data: [
      columns.map((value) => ({ value, fontWeight: 'bold' as const })),
      ...rows.map((row) =>
        row.map((value) =>
          value === null
            ? null
            : typeof value === 'number'
              ? { value }
              : { value: typeof value === 'boolean' ? (value ? 'Ya' : 'Tidak') : defused(value) },
        ),
      ),
    ],
  });
  const v = data.volunteer;
  const profile: [string, Cell][] = [
    ['Nama', v.name],
    ['No HP', v.phone],
    ['NIK', v.nik],
    ['Pilar', v.pillar],
    ['Kabupaten/Kota', v.regency],
    ['Kecamatan', v.district],
    ['Desa/Kelurahan', v.village],
    ['Jenis kelamin', v.gender],
    ['Tahun lahir', v.birthYear],
    ['Keahlian', v.skills.join(', ')],
    ['ASN', v.isCivilServant],
    ['Pangkat Tagana', v.taganaRank],
    ['Ketua regu', v.isTeamLeader],
    ['Kontak darurat', v.emergencyContactName],
    ['No HP kontak darurat', v.emergencyContactPhone],
    ['Status', v.availability],
    ['Terdaftar sejak', v.createdAt],
    ['Berbagi lokasi', data.consent.positions === null ? 'Belum dijawab' : data.consent.positions],
    ['Menerima SMS/WhatsApp', data.consent.texts],
  ];
  const sheets = [
    sheet('Data diri', ['Data', 'Isi'], profile),
    sheet(
      'Pelatihan',
      ['Pelatihan', 'Penyelenggara', 'Selesai', 'Berlaku sampai'],
      data.trainings.map((t) => [t.name, t.organiser, t.completedOn, t.validUntil]),
    ),
    sheet(
      'Penugasan',
      ['Kejadian', 'Status', 'Ditawarkan', 'Tiba', 'Selesai', 'Lintang tiba', 'Bujur tiba'],
      data.assignments.map((a) => [
        a.incident,
        a.status,
        a.offeredAt,
        a.arrivedAt,
        a.completedAt,
        a.arrivedLat,
        a.arrivedLng,
      ]),
    ),
    sheet(
      'Riwayat',
      ['Waktu', 'Jenis', 'Rincian'],
      data.log.map((entry) => [entry.at, entry.type, JSON.stringify(entry.details)]),
    ),
    sheet(
      'SMS dan WhatsApp',
      ['Waktu', 'Saluran', 'Ke/dari', 'Isi', 'Status'],
      [
        ...data.texts.map((t): Cell[] => [t.at, t.channel, t.to, t.text, t.status]),
        ...data.textsReceived.map((t): Cell[] => [t.at, 'masuk', t.from, t.text, null]),
      ],
    ),
    sheet(
      'Yang membuka data',
      ['Waktu', 'Siapa', 'Peran'],
      data.accessedBy.map((read) => [read.at, read.who, read.role]),
    ),
  ];
  return writeXlsxFile(sheets).toBuffer();
}
