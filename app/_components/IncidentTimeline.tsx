'use client';

import { ASSIGNMENT_EVENTS, INCIDENT_EVENTS, REQUEST_EVENTS } from '@/lib/dispatch';
import { INCIDENT_PHASE_LABELS, INCIDENT_TYPE_LABELS, type IncidentPhase, type TimeZone } from '@/lib/domain';
import type { TimelineEntry } from '@/server/incidents/queries';
import { requestIdOf } from '../_lib/dispatch-events';
import type { Json } from '../_lib/json';
import { formatWhen } from '../_lib/time';

type Entry = Json<TimelineEntry>;

/** Answers that arrive in bursts (an expiry sweep, a cancelled request): one line each burst. */
const BURSTS = new Set<string>([ASSIGNMENT_EVENTS.expired, ASSIGNMENT_EVENTS.cancelled]);
/** The request's own line already says how many offers went out. */
const UNSHOWN = new Set<string>([ASSIGNMENT_EVENTS.offered]);

const EDITED_FIELDS: Record<string, string> = {
  type: 'jenis',
  title: 'judul',
  severity: 'tingkat keparahan',
  districtCode: 'kecamatan',
  lat: 'titik lokasi',
  lng: 'titik lokasi',
  description: 'uraian',
  needs: 'kebutuhan',
  occurredAt: 'waktu kejadian',
};

export interface TimelineLabels {
  pillars: Record<string, string>;
  regencies: Record<string, string>;
  /** "Permintaan 2" for each request id, in the order they were made. */
  requests: Record<string, string>;
  timeZone: TimeZone;
}

interface Line {
  id: number;
  at: string;
  type: string;
  request: string | null;
  text: string;
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const because = (payload: Record<string, unknown>) => (str(payload.reason) ? ` (alasan: ${str(payload.reason)})` : '');

function nameList(list: unknown, lookup: Record<string, string>): string {
  return Array.isArray(list) ? list.map((code: unknown) => lookup[str(code)] ?? str(code)).join(', ') : '';
}

function describe(entry: Entry, count: number, who: string[], labels: TimelineLabels): string {
  const p = entry.payload;
  const person = entry.volunteerName ?? 'Relawan';
  const people = who.length <= 3 ? who.join(', ') : `${who.slice(0, 3).join(', ')} dan ${who.length - 3} lainnya`;
  switch (entry.type) {
    case INCIDENT_EVENTS.reported:
      return `Kejadian dicatat: ${INCIDENT_TYPE_LABELS[str(p.type) as keyof typeof INCIDENT_TYPE_LABELS] ?? ''}, tingkat ${num(p.severity)}.`;
    case INCIDENT_EVENTS.updated: {
      const changed = Array.isArray(p.changed) ? p.changed.map((field: unknown) => EDITED_FIELDS[str(field)]) : [];
      return `Data kejadian diubah: ${[...new Set(changed.filter(Boolean))].join(', ')}.`;
    }
    case INCIDENT_EVENTS.phaseChanged:
      return `Fase: ${INCIDENT_PHASE_LABELS[str(p.from) as IncidentPhase] ?? ''} → ${INCIDENT_PHASE_LABELS[str(p.to) as IncidentPhase] ?? ''}.`;
    case REQUEST_EVENTS.created:
      return (
        `Diminta ${num(p.slots)} relawan ${nameList(p.pillarCodes, labels.pillars)} dari ${nameList(p.sourceRegencyCodes, labels.regencies)}` +
        `${str(p.skill) ? `, keahlian ${str(p.skill)}` : ''}` +
        `${typeof p.offered === 'number' ? `; tawaran dikirim ke ${p.offered} relawan` : ''}.`
      );
    case REQUEST_EVENTS.changed:
      return `Permintaan diubah: ${num(p.slots)} relawan, batas waktu ${formatWhen(str(p.deadline), labels.timeZone)}.`;
    case REQUEST_EVENTS.filled:
      return `Permintaan terpenuhi: ${num(p.slots)} relawan.`;
    case REQUEST_EVENTS.reopened:
      return `Permintaan terbuka lagi: ${num(p.acceptedCount)}/${num(p.slots)} relawan.`;
    case REQUEST_EVENTS.expired:
      return `Batas waktu lewat: ${num(p.acceptedCount)}/${num(p.slots)} relawan; ${num(p.expiredOffers)} tawaran ditutup.`;
    case REQUEST_EVENTS.cancelled:
      return `Permintaan dibatalkan${because(p)}: ${num(p.cancelledOffers)} tawaran dan ${num(p.cancelledAssignments)} penugasan dihentikan.`;
    case REQUEST_EVENTS.closed:
      return 'Permintaan ditutup bersama kejadian.';
    case ASSIGNMENT_EVENTS.accepted:
      return `${person} menerima (${num(p.acceptedCount)}/${num(p.slots)}).`;
    case ASSIGNMENT_EVENTS.declined:
      return `${person} menolak${because(p)}.`;
    case ASSIGNMENT_EVENTS.expired:
      return count > 1 ? `${count} tawaran kedaluwarsa.` : `Tawaran untuk ${person} kedaluwarsa.`;
    case ASSIGNMENT_EVENTS.en_route:
      return `${person} berangkat.`;
    case ASSIGNMENT_EVENTS.on_site:
      return `${person} tiba di lokasi.`;
    case ASSIGNMENT_EVENTS.completed:
      return `${person} selesai bertugas.`;
    case ASSIGNMENT_EVENTS.withdrawn:
      return `${person} mundur${because(p)}.`;
    case ASSIGNMENT_EVENTS.cancelled:
      return count > 1
        ? `${count} tawaran/penugasan dibatalkan koordinator: ${people}.`
        : `Penugasan ${person} dibatalkan koordinator${because(p)}.`;
    default:
      return entry.type;
  }
}

/** Timeline lines, newest first; a burst of the same answer to one request is one line. */
export function timelineLines(entries: Entry[], labels: TimelineLabels): Line[] {
  const lines: Line[] = [];
  const shown = entries.filter((entry) => !UNSHOWN.has(entry.type));
  let index = 0;
  while (index < shown.length) {
    const entry = shown[index]!;
    const requestId = requestIdOf(entry);
    let end = index + 1;
    if (BURSTS.has(entry.type)) {
      while (end < shown.length && shown[end]!.type === entry.type && requestIdOf(shown[end]!) === requestId) {
        end += 1;
      }
    }
    const burst = shown.slice(index, end);
    const who = burst.map((item) => item.volunteerName ?? 'Relawan');
    lines.push({
      id: entry.id,
      at: burst.at(-1)!.at,
      type: entry.type,
      request: requestId ? (labels.requests[requestId] ?? null) : null,
      text: describe(entry, burst.length, who, labels),
    });
    index = end;
  }
  return lines.reverse();
}

/** What happened to the incident, from the event log, newest first; grows live. */
export function IncidentTimeline({ entries, labels }: { entries: Entry[]; labels: TimelineLabels }) {
  const lines = timelineLines(entries, labels);
  const showRequest = Object.keys(labels.requests).length > 1;
  return (
    <section className="card timeline-card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Linimasa</h2>
      {lines.length === 0 ? (
        <p className="hint">Belum ada catatan.</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {lines.map((line) => (
            <li key={line.id} data-testid="timeline-entry" data-type={line.type}>
              <time dateTime={line.at}>{formatWhen(line.at, labels.timeZone)}</time>
              <span>
                {showRequest && line.request ? <span className="timeline-request">{line.request}</span> : null}
                {line.text}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
