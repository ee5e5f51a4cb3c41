import { z } from 'zod';

/** The kinds of change the audit page filters by: groups of event types, by their prefix. */
export const AUDIT_KINDS = {
  volunteers: ['volunteer.'],
  incidents: ['incident.'],
  requests: ['request.'],
  assignments: ['assignment.'],
  signups: ['signup.'],
  exports: ['roster.'],
  trainings: ['training.'],
  imports: ['import.'],
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;

export const AUDIT_PAGE_SIZE = 50;

const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
const day = (field: string) =>
  blank(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${field} harus seperti 2026-11-22.` }));

/** The audit page's filters and position; also its URL parameters, so a link shows the same list. */
export const AuditQuery = z.object({
  actorId: blank(z.uuid({ error: 'Pelaku tidak dikenal.' })),
  volunteerId: blank(z.uuid({ error: 'Relawan tidak dikenal.' })),
  incidentId: blank(z.uuid({ error: 'Kejadian tidak dikenal.' })),
  kind: blank(
    z.enum(Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]], { error: 'Jenis perubahan tidak dikenal.' }),
  ),
  /** First and last day, in the province's own time. */
  from: day('Tanggal mulai'),
  to: day('Tanggal akhir'),
  /** Keyset: entries older than this event id. */
  before: blank(z.coerce.number({ error: 'Posisi harus berupa angka.' }).int().min(1)),
  provinceCode: blank(z.string().regex(/^\d{2}$/, { error: 'Kode provinsi dua angka, mis. 62.' })),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
