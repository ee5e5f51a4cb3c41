'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { ReliefCounts } from '@/server/board/relief-counts';

/** People on duty, relieved today and back home today: one strip under the figures. */
export function ReliefFigures({ relief }: { relief: ReliefCounts }) {
  const t = useTranslations('relief.board');
  const format = useFormatter();
  const items = [
    { id: 'on-duty', label: t('onDuty'), value: relief.onDuty },
    { id: 'relieved-today', label: t('relievedToday'), value: relief.relievedToday },
    { id: 'returned-today', label: t('returnedToday'), value: relief.returnedToday },
  ];
  return (
    <section className="board-panel relief-strip" aria-labelledby="relief-strip-title">
      <h2 id="relief-strip-title">{t('heading')}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.id} data-testid={`relief-${item.id}`}>
            <span className="relief-strip-value" data-testid="relief-value">
              {format.number(item.value)}
            </span>
            <span className="relief-strip-label">{item.label}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
