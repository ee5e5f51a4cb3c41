import { useTranslations } from 'next-intl';

/** Incident severity as Sahana Eden grades it: 1 low … 5 catastrophic. */
export const SEVERITY_LEVELS = [1, 2, 3, 4, 5] as const;
export type Severity = (typeof SEVERITY_LEVELS)[number];

/** Indonesian words for the server and older callers; pages say them through the `domain` messages. */
export const SEVERITY_LABELS: Record<number, string> = {
  1: 'Rendah',
  2: 'Sedang',
  3: 'Tinggi',
  4: 'Sangat tinggi',
  5: 'Bencana besar',
};

export const severityLabel = (severity: number) => `Tingkat ${severity} · ${SEVERITY_LABELS[severity] ?? ''}`;

/** The word for a severity in the page's language: "Sangat tinggi" / "Very high". */
export function useSeverityWord(): (severity: number) => string {
  const t = useTranslations('domain.severity');
  return (severity) => t(String(severity) as `${Severity}`);
}

/** "Tingkat 4 · Sangat tinggi" / "Level 4 · Very high", in the page's language. */
export function useSeverityLabel(): (severity: number) => string {
  const t = useTranslations('domain');
  const word = useSeverityWord();
  return (severity) => t('severityLevel', { level: severity, label: word(severity) });
}
