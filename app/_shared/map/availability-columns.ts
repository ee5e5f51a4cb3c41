import { useTranslations } from 'next-intl';
import type { CountColumn } from '@/app/_shared/CountTable';

export type AvailabilityColumn = 'available' | 'deployed' | 'unavailable';

/** Siaga, bertugas, tidak siaga: the three columns of every availability table, in the page's language. */
export function useAvailabilityColumns(): CountColumn<AvailabilityColumn>[] {
  const t = useTranslations('map.table');
  return [
    { key: 'available', label: t('available') },
    { key: 'deployed', label: t('deployed') },
    { key: 'unavailable', label: t('unavailable') },
  ];
}
