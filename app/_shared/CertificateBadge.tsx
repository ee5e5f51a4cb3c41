import { useLocale, useTranslations } from 'next-intl';
import type { CertificateStatus } from '@/lib/trainings';
import { INTL_LOCALE, type Locale } from '../_i18n/config';
import styles from './CertificateBadge.module.css';

/** A calendar day ("2027-01-30") as "30 Jan 2027" in the page's language; days carry no zone of their own. */
export function formatDay(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** "3 Des 2026", or "1 Des 2026 – 3 Des 2026" for a span of days. */
export function formatDays(locale: Locale, startsOn: string, endsOn: string): string {
  return startsOn === endsOn
    ? formatDay(locale, startsOn)
    : `${formatDay(locale, startsOn)} – ${formatDay(locale, endsOn)}`;
}

/**
 * "berlaku sampai 30 Jan 2027", "segera kedaluwarsa (…)" or "kedaluwarsa (…)": the status was judged on the
 * province's own calendar by the server; this only words it. The roster and the trainings pages show it.
 */
export function CertificateBadge({
  validUntil,
  status,
  prefix,
}: {
  validUntil: string | null;
  status: CertificateStatus;
  /** The training's name, when the badge stands alone in a list of several. */
  prefix?: string;
}) {
  const t = useTranslations('trainings.certificate');
  const locale = useLocale() as Locale;
  const text = validUntil === null ? t('forGood') : t(status, { date: formatDay(locale, validUntil) });
  return (
    <span className={`pill ${styles[status]}`} data-certificate={status}>
      {prefix ? `${prefix}: ${text}` : text}
    </span>
  );
}
