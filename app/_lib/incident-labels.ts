/** Incident severity as Sahana Eden grades it: 1 low … 5 catastrophic. */
export const SEVERITY_LABELS: Record<number, string> = {
  1: 'Rendah',
  2: 'Sedang',
  3: 'Tinggi',
  4: 'Sangat tinggi',
  5: 'Bencana besar',
};

export const severityLabel = (severity: number) => `Tingkat ${severity} · ${SEVERITY_LABELS[severity] ?? ''}`;
