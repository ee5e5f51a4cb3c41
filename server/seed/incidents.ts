import type { Faker } from '@faker-js/faker';
import { AVAILABILITY_LABELS, type AssignmentStatus, type IncidentPhase, type IncidentType } from '../../lib/domain';
import { takesSlot } from '../../lib/assignment-state';
import { ASSIGNMENT_EVENTS, INCIDENT_EVENTS, REQUEST_EVENTS } from '../../lib/dispatch';
import { AVAILABILITY_CHANGED } from '../volunteers/set-availability';
import type { Assignment, DeploymentRequest, Incident, NewEventRow, Volunteer } from '../../db/schema';
import { earliest, hoursAfter, hoursBefore, latest, minutesAfter } from './clock';
import { provinceOf, type DemoPillarCode, type DemoSkill } from './rosters';

/** What became of one offer by now (the demo has no expired or cancelled ones). */
type Outcome = Exclude<AssignmentStatus, 'expired' | 'cancelled'>;

interface RequestScenario {
  hoursAfterOccurred: number;
  slots: number;
  pillarCodes: readonly DemoPillarCode[];
  sourceRegencyCodes: readonly string[];
  skill: DemoSkill;
  /** Offers go first to volunteers of this kecamatan (the local TKSK knows the case). */
  preferDistrictCode?: string;
  meetingPoint: string;
  meetingLat: number;
  meetingLng: number;
  deadlineHoursAfterCreated: number;
  /**
   * One entry per offer sent, in the order the candidates were ranked. A "withdrawn" volunteer accepted
   * and stepped back minutes later, before anyone else answered, so it comes first.
   */
  outcomes: readonly Outcome[];
}

interface IncidentScenario {
  type: IncidentType;
  title: string;
  severity: number;
  phase: Extract<IncidentPhase, 'reported' | 'response'>;
  regencyCode: string;
  districtCode: string;
  lat: number;
  lng: number;
  description: string;
  needs: string;
  occurredHoursAgo: number;
  reportedAfterMinutes: number;
  request?: RequestScenario;
}

const repeat = (outcome: Outcome, times: number): Outcome[] => Array.from({ length: times }, () => outcome);

export const DEMO_INCIDENTS: readonly IncidentScenario[] = [
  {
    type: 'forest_fire',
    title: 'Karhutla lahan gambut di Desa Tumbang Nusa, Jabiren Raya',
    severity: 4,
    phase: 'response',
    regencyCode: '62.11',
    districtCode: '62.11.07',
    lat: -2.33,
    lng: 114.04,
    description:
      'Api membakar sekitar 60 hektare lahan gambut di Desa Tumbang Nusa dan Desa Tanjung Taruna, di sisi jalan ' +
      'Palangka Raya–Banjarmasin. Api di bawah permukaan gambut menyala lagi setiap sore; asap pekat mengganggu ' +
      'lalu lintas, dan ISPU di Jabiren Raya masuk kategori tidak sehat.',
    needs:
      'Relawan pemadam karhutla terlatih untuk jaga bergiliran siang dan malam; pompa air portabel, selang dan ' +
      'nozel; masker N95 untuk warga; air minum dan dapur umum bagi petugas pemadam; pos kesehatan untuk ISPA.',
    occurredHoursAgo: 30,
    reportedAfterMinutes: 50,
    request: {
      hoursAfterOccurred: 27,
      slots: 12,
      pillarCodes: ['tagana', 'kalteng_berkah'],
      sourceRegencyCodes: ['62.11', '62.71'],
      skill: 'pemadaman karhutla',
      meetingPoint: 'Posko Karhutla Desa Tumbang Nusa, Jl. Trans Kalimantan km 32',
      meetingLat: -2.335,
      meetingLng: 114.035,
      deadlineHoursAfterCreated: 8,
      outcomes: [
        ...repeat('en_route', 3),
        ...repeat('accepted', 2),
        ...repeat('declined', 3),
        ...repeat('offered', 12),
      ],
    },
  },
  {
    type: 'flood',
    title: 'Banjir luapan Sungai Katingan di Kasongan',
    severity: 3,
    phase: 'response',
    regencyCode: '62.06',
    districtCode: '62.06.02',
    lat: -1.88,
    lng: 113.4,
    description:
      'Hujan deras tiga hari membuat Sungai Katingan meluap. Air setinggi 80–150 cm merendam 1.240 rumah di ' +
      'sembilan desa dan kelurahan di Katingan Hilir dan Tasik Payawan; 3.850 jiwa terdampak dan 412 jiwa ' +
      'mengungsi ke SDN 1 Kasongan Lama dan aula kantor kecamatan.',
    needs:
      'Perahu karet dan personel evakuasi air; dapur umum untuk 1.500 porsi per hari; selimut, tikar dan pakaian ' +
      'layak pakai; air bersih; dukungan psikososial untuk anak-anak di pengungsian.',
    occurredHoursAgo: 28,
    reportedAfterMinutes: 35,
    request: {
      hoursAfterOccurred: 6,
      slots: 10,
      pillarCodes: ['tagana'],
      sourceRegencyCodes: ['62.03', '62.71'],
      skill: 'evakuasi air',
      meetingPoint: 'Posko Tanggap Darurat Banjir, Kantor Kecamatan Katingan Hilir, Kasongan',
      meetingLat: -1.885,
      meetingLng: 113.405,
      deadlineHoursAfterCreated: 24,
      outcomes: [
        'withdrawn',
        ...repeat('on_site', 5),
        ...repeat('en_route', 3),
        ...repeat('accepted', 2),
        ...repeat('declined', 2),
      ],
    },
  },
  {
    type: 'neglected_person',
    title: 'Orang terlantar lanjut usia di Terminal Koba',
    severity: 2,
    phase: 'response',
    regencyCode: '19.04',
    districtCode: '19.04.01',
    lat: -2.49,
    lng: 106.41,
    description:
      'Warga menemukan seorang laki-laki lanjut usia (sekitar 70 tahun) tanpa identitas di Terminal Koba. Ia ' +
      'tampak lemah, bingung dan tidak ingat alamatnya; diduga demensia. Sudah dua malam tidur di terminal.',
    needs:
      'Asesmen oleh TKSK dan PSM Koba; pemeriksaan kesehatan di Puskesmas Koba; penampungan sementara; ' +
      'penelusuran keluarga melalui Dukcapil; rujukan ke panti bila keluarga tidak ditemukan.',
    occurredHoursAgo: 20,
    reportedAfterMinutes: 90,
    request: {
      hoursAfterOccurred: 3,
      slots: 2,
      pillarCodes: ['tksk', 'psm'],
      sourceRegencyCodes: ['19.04'],
      skill: 'psikososial',
      preferDistrictCode: '19.04.01',
      meetingPoint: 'Terminal Koba, Jl. Raya Koba–Pangkalpinang',
      meetingLat: -2.4905,
      meetingLng: 106.4095,
      deadlineHoursAfterCreated: 4,
      outcomes: ['withdrawn', 'on_site', 'completed'],
    },
  },
  {
    type: 'landslide',
    title: 'Tanah longsor menutup jalan desa di Selajambe',
    severity: 3,
    phase: 'reported',
    regencyCode: '32.08',
    districtCode: '32.08.15',
    lat: -7.09,
    lng: 108.42,
    description:
      'Tebing setinggi sekitar 15 meter longsor setelah hujan lebat semalam dan menutup 30 meter jalan ' +
      'penghubung antardesa. Dua rumah rusak berat; tujuh kepala keluarga (24 jiwa) mengungsi ke rumah kerabat. ' +
      'Retakan tanah masih terlihat di atas tebing.',
    needs:
      'Pendataan warga terdampak oleh TKSK Selajambe; terpal dan karung pasir; makanan siap saji untuk 24 jiwa; ' +
      'pemantauan retakan tebing bersama BPBD.',
    occurredHoursAgo: 5,
    reportedAfterMinutes: 70,
  },
];

const DECLINE_REASONS = [
  'Sedang sakit',
  'Ada keperluan keluarga',
  'Sedang bekerja di luar kota',
  'Tidak ada kendaraan ke lokasi',
  'Rumah sendiri ikut terdampak',
];

export interface IncidentPlan {
  incidents: Incident[];
  requests: DeploymentRequest[];
  assignments: Assignment[];
  /** Oldest first, so event ids follow the order things happened. */
  events: NewEventRow[];
}

/** An event about one assignment, scoped to the volunteer's regency and the incident. */
type AssignmentEvent = (type: string, at: Date, payload?: Record<string, unknown>) => NewEventRow;

/**
 * Plays the demo incidents forward to `now`: reports, requests, offers and answers, with an event for
 * every step. Volunteers who took an assignment get their availability changed in `roster`.
 */
export function planIncidents(faker: Faker, now: Date, roster: Volunteer[]): IncidentPlan {
  const plan: IncidentPlan = { incidents: [], requests: [], assignments: [], events: [] };
  const offered = new Set<string>();

  for (const scenario of DEMO_INCIDENTS) {
    const provinceCode = provinceOf(scenario.regencyCode);
    const occurredAt = hoursBefore(now, scenario.occurredHoursAgo);
    const reportedAt = minutesAfter(occurredAt, scenario.reportedAfterMinutes);
    const respondingAt = minutesAfter(reportedAt, faker.number.int({ min: 45, max: 180 }));
    const incident: Incident = {
      id: faker.string.uuid(),
      type: scenario.type,
      title: scenario.title,
      severity: scenario.severity,
      phase: scenario.phase,
      provinceCode,
      regencyCode: scenario.regencyCode,
      districtCode: scenario.districtCode,
      lat: scenario.lat,
      lng: scenario.lng,
      description: scenario.description,
      needs: scenario.needs,
      occurredAt,
      closedAt: null,
      createdAt: reportedAt,
      updatedAt: scenario.phase === 'response' ? respondingAt : reportedAt,
    };
    plan.incidents.push(incident);
    const incidentEvent = (type: string, at: Date, payload: Record<string, unknown>): NewEventRow => ({
      type,
      provinceCode,
      regencyCode: scenario.regencyCode,
      incidentId: incident.id,
      payload,
      createdAt: at,
    });
    plan.events.push(
      incidentEvent(INCIDENT_EVENTS.reported, reportedAt, {
        type: incident.type,
        title: incident.title,
        severity: incident.severity,
        districtCode: incident.districtCode,
      }),
    );
    if (scenario.phase === 'response') {
      plan.events.push(incidentEvent(INCIDENT_EVENTS.phaseChanged, respondingAt, { from: 'reported', to: 'response' }));
    }
    if (!scenario.request) continue;

    const { request, assignments, events } = planRequest(faker, now, incident, scenario.request, roster, offered);
    plan.requests.push(request);
    plan.assignments.push(...assignments);
    plan.events.push(
      incidentEvent(REQUEST_EVENTS.created, request.createdAt, {
        requestId: request.id,
        slots: request.slots,
        pillarCodes: request.pillarCodes,
        sourceRegencyCodes: request.sourceRegencyCodes,
        skill: request.skill,
        deadline: request.deadline.toISOString(),
      }),
      ...events,
    );
    if (request.status === 'filled') {
      plan.events.push(
        incidentEvent(REQUEST_EVENTS.filled, request.updatedAt, { requestId: request.id, slots: request.slots }),
      );
    }
  }
  plan.events.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
  return plan;
}

/** What every demo request asks volunteers to bring. */
const DEMO_BRING = 'Rompi dan kartu anggota, senter, jas hujan, obat pribadi, bekal untuk satu hari';

function planRequest(
  faker: Faker,
  now: Date,
  incident: Incident,
  scenario: RequestScenario,
  roster: Volunteer[],
  offered: Set<string>,
): { request: DeploymentRequest; assignments: Assignment[]; events: NewEventRow[] } {
  const createdAt = hoursAfter(incident.occurredAt, scenario.hoursAfterOccurred);
  const request: DeploymentRequest = {
    id: faker.string.uuid(),
    incidentId: incident.id,
    slots: scenario.slots,
    acceptedCount: scenario.outcomes.filter(takesSlot).length,
    pillarCodes: [...scenario.pillarCodes],
    sourceRegencyCodes: [...scenario.sourceRegencyCodes],
    skill: scenario.skill,
    trainingId: null,
    meetingPoint: scenario.meetingPoint,
    meetingLat: scenario.meetingLat,
    meetingLng: scenario.meetingLng,
    bring: DEMO_BRING,
    checkInSeconds: null,
    checkInGraceSeconds: 1800,
    checkInEnRoute: false,
    audienceKind: 'match',
    waveFactor: null,
    waveMinutes: null,
    nextWaveAt: null,
    deadline: hoursAfter(createdAt, scenario.deadlineHoursAfterCreated),
    shiftEndsAt: null,
    relievesRequestId: null,
    status: 'open',
    createdAt,
    updatedAt: createdAt,
  };
  if (request.acceptedCount > request.slots) throw new Error(`Demo request "${incident.title}" is over-filled`);

  const candidates = rankCandidates(faker, roster, scenario, offered);
  if (candidates.length < scenario.outcomes.length) {
    throw new Error(`Demo request "${incident.title}" finds only ${candidates.length} available volunteers`);
  }
  const assignments: Assignment[] = [];
  const events: NewEventRow[] = [];
  const withdrawals: Date[] = [];
  const acceptances: NewEventRow[] = [];

  scenario.outcomes.forEach((outcome, index) => {
    const volunteer = candidates[index]!;
    offered.add(volunteer.id);
    const offeredAt = minutesAfter(createdAt, 2 + index * 0.25);
    const assignment: Assignment = {
      id: faker.string.uuid(),
      requestId: request.id,
      volunteerId: volunteer.id,
      status: outcome,
      declineReason: null,
      offeredAt,
      offerWave: 1,
      respondedAt: null,
      departedAt: null,
      arrivedAt: null,
      arrivedLat: null,
      arrivedLng: null,
      completedAt: null,
      relievedAt: null,
      relievedByAssignmentId: null,
      returnedAt: null,
      restEndsAt: null,
      updatedAt: offeredAt,
    };
    assignments.push(assignment);
    const event: AssignmentEvent = (type, at, payload = {}) => ({
      type,
      provinceCode: provinceOf(volunteer.regencyCode),
      regencyCode: volunteer.regencyCode,
      volunteerId: volunteer.id,
      incidentId: incident.id,
      payload: { requestId: request.id, assignmentId: assignment.id, ...payload },
      createdAt: at,
    });
    events.push(event(ASSIGNMENT_EVENTS.offered, offeredAt));

    if (outcome === 'offered') return;
    if (outcome === 'withdrawn') {
      const acceptedAt = minutesAfter(offeredAt, 1);
      const withdrawnAt = minutesAfter(offeredAt, 3);
      assignment.respondedAt = acceptedAt;
      assignment.updatedAt = withdrawnAt;
      events.push(event(ASSIGNMENT_EVENTS.accepted, acceptedAt, { acceptedCount: 1, slots: request.slots }));
      events.push(setAvailability(volunteer, 'deployed', acceptedAt, event));
      events.push(
        event(ASSIGNMENT_EVENTS.withdrawn, withdrawnAt, {
          reason: faker.helpers.arrayElement(DECLINE_REASONS),
          acceptedCount: 0,
          slots: request.slots,
        }),
      );
      events.push(setAvailability(volunteer, 'available', withdrawnAt, event));
      withdrawals.push(withdrawnAt);
      return;
    }
    const respondedAt = earliest(minutesAfter(offeredAt, faker.number.int({ min: 3, max: 100 })), now);
    assignment.respondedAt = respondedAt;
    assignment.updatedAt = respondedAt;
    if (outcome === 'declined') {
      assignment.declineReason = faker.helpers.arrayElement(DECLINE_REASONS);
      events.push(event(ASSIGNMENT_EVENTS.declined, respondedAt, { reason: assignment.declineReason }));
      return;
    }
    const accepted = event(ASSIGNMENT_EVENTS.accepted, respondedAt);
    acceptances.push(accepted);
    events.push(accepted);
    events.push(setAvailability(volunteer, 'deployed', respondedAt, event));
    if (outcome === 'accepted') return;

    // Those still on the road left lately; those on site left early enough to have arrived.
    const departedAt =
      outcome === 'en_route'
        ? earliest(
            latest(minutesAfter(respondedAt, 15), hoursBefore(now, faker.number.float({ min: 0.5, max: 1.5 }))),
            now,
          )
        : minutesAfter(respondedAt, faker.number.int({ min: 30, max: 90 }));
    assignment.departedAt = departedAt;
    assignment.updatedAt = departedAt;
    events.push(event(ASSIGNMENT_EVENTS.en_route, departedAt));
    if (outcome === 'en_route') return;

    const arrivedAt = earliest(minutesAfter(departedAt, faker.number.int({ min: 90, max: 240 })), now);
    assignment.arrivedAt = arrivedAt;
    assignment.arrivedLat = scenario.meetingLat + faker.number.float({ min: -0.002, max: 0.002 });
    assignment.arrivedLng = scenario.meetingLng + faker.number.float({ min: -0.002, max: 0.002 });
    assignment.updatedAt = arrivedAt;
    events.push(
      event(ASSIGNMENT_EVENTS.on_site, arrivedAt, { lat: assignment.arrivedLat, lng: assignment.arrivedLng }),
    );
    if (outcome === 'on_site') return;

    const completedAt = earliest(hoursAfter(arrivedAt, faker.number.int({ min: 3, max: 8 })), now);
    assignment.completedAt = completedAt;
    assignment.updatedAt = completedAt;
    events.push(event(ASSIGNMENT_EVENTS.completed, completedAt));
    events.push(setAvailability(volunteer, 'available', completedAt, event));
  });

  // Each acceptance updates the request; the last one fills it. Offers still waiting then stay open:
  // they could be accepted if a place frees up before the deadline.
  const acceptedAt = assignments.filter((a) => takesSlot(a.status)).map((a) => a.respondedAt?.getTime() ?? 0);
  if (withdrawals.some((withdrawnAt) => acceptedAt.some((at) => at <= withdrawnAt.getTime()))) {
    throw new Error(`Demo request "${incident.title}" has a withdrawal after another acceptance`);
  }
  request.updatedAt = new Date(Math.max(createdAt.getTime(), ...acceptedAt, ...withdrawals.map((at) => at.getTime())));
  if (request.acceptedCount === request.slots) request.status = 'filled';
  // Like the accept verb, each acceptance says how many places were taken with it.
  acceptances
    .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0))
    .forEach((accepted, index) => Object.assign(accepted.payload, { acceptedCount: index + 1, slots: request.slots }));
  return { request, assignments, events };
}

/** Available volunteers of the request's pillars and regencies, best matches first, none offered twice. */
function rankCandidates(
  faker: Faker,
  roster: readonly Volunteer[],
  scenario: RequestScenario,
  offered: ReadonlySet<string>,
): Volunteer[] {
  const pillarCodes: readonly string[] = scenario.pillarCodes;
  const matching = roster.filter(
    (volunteer) =>
      volunteer.availability === 'available' &&
      !offered.has(volunteer.id) &&
      pillarCodes.includes(volunteer.pillarCode) &&
      scenario.sourceRegencyCodes.includes(volunteer.regencyCode),
  );
  const score = (volunteer: Volunteer) =>
    (volunteer.districtCode === scenario.preferDistrictCode ? 2 : 0) +
    (volunteer.skills.includes(scenario.skill) ? 1 : 0);
  return faker.helpers.shuffle(matching).sort((a, b) => score(b) - score(a));
}

/** Writes the same event as the availability verb, so the map counts a deployment alike. */
function setAvailability(
  volunteer: Volunteer,
  availability: Volunteer['availability'],
  at: Date,
  event: AssignmentEvent,
): NewEventRow {
  const from = volunteer.availability;
  volunteer.availability = availability;
  volunteer.availabilityChangedAt = at;
  volunteer.updatedAt = at;
  return event(AVAILABILITY_CHANGED, at, { from, to: availability, label: AVAILABILITY_LABELS[availability] });
}
