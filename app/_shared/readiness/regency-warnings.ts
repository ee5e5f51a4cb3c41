'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { ProvinceReadiness } from '@/lib/readiness';

/** Kabupaten/kota below a minimum → what the map says beside its number ("Di bawah minimum: Tagana 27/30"). */
export function useRegencyWarnings(readiness: ProvinceReadiness | null): Record<string, string> {
  const t = useTranslations('readiness.warnings');
  return useMemo(() => {
    const byRegency: Record<string, string[]> = {};
    for (const row of readiness?.belowMinimum ?? []) {
      (byRegency[row.regencyCode] ??= []).push(`${row.pillarName} ${row.available}/${row.minimumAvailable}`);
    }
    return Object.fromEntries(
      Object.entries(byRegency).map(([code, parts]) => [code, `${t('marker')}: ${parts.join(', ')}`]),
    );
  }, [readiness, t]);
}
