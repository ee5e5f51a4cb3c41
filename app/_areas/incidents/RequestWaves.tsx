'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { RequestProgress } from '@/server/deployments/queries';
import type { Json } from '@/app/_shared/json';

/** A request in waves: each wave (when, how many) and when the next goes out, on the request's progress. */
export function RequestWaves({ progress }: { progress: Json<RequestProgress> | undefined }) {
  const t = useTranslations('waves.request');
  const format = useFormatter();
  if (!progress || progress.waves.length === 0) return null;
  const time = (iso: string) => format.dateTime(new Date(iso), { hour: '2-digit', minute: '2-digit' });
  const next = progress.request.nextWaveAt;
  return (
    <section className="request-waves" aria-label={t('title')}>
      <ol>
        {progress.waves.map((wave) => (
          <li key={wave.number}>
            {t('wave', { number: wave.number, offered: wave.offered, time: time(wave.offeredAt) })}
          </li>
        ))}
      </ol>
      <p className="hint">{next ? t('next', { time: time(next) }) : t('done')}</p>
    </section>
  );
}
