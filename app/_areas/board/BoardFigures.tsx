'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { MEDIAN_WINDOW_HOURS, type BoardFigures as Figures, type CountFigure, type MedianFigure } from '@/lib/board';
import { useDuration } from './format';

type Direction = 'up' | 'down' | 'same';
const ARROWS: Record<Direction, string> = { up: '▲', down: '▼', same: '■' };

const directionOf = (now: number, then: number): Direction => (now > then ? 'up' : now < then ? 'down' : 'same');

/** The six figures that matter, each big, with its trend in words and the earlier value (never colour alone). */
export function BoardFigures({ figures, compareHours }: { figures: Figures; compareHours: number }) {
  const t = useTranslations('board');
  const format = useFormatter();
  const duration = useDuration();
  const count = (value: number) => format.number(value);

  const countTile = (id: string, label: string, figure: CountFigure, note?: ReactNode) => (
    <Tile
      id={id}
      label={label}
      value={count(figure.now)}
      trend={<Trend direction={directionOf(figure.now, figure.then)} was={count(figure.then)} hours={compareHours} />}
      note={note}
    />
  );
  const medianTile = (id: string, label: string, figure: MedianFigure, note: string) => {
    // Compared to the minute, as shown: a few seconds either way is no change.
    const minutes = (seconds: number) => Math.round(seconds / 60);
    const trend =
      figure.then === null ? (
        <Trend hours={compareHours} />
      ) : (
        <Trend
          direction={figure.now === null ? undefined : directionOf(minutes(figure.now), minutes(figure.then))}
          was={duration(figure.then)}
          hours={compareHours}
        />
      );
    return (
      <Tile
        id={id}
        label={label}
        value={figure.now === null ? '—' : duration(figure.now)}
        valueLabel={figure.now === null ? t('figures.noValue') : undefined}
        duration
        trend={trend}
        note={note}
      />
    );
  };

  const { unfilledRequests, requestToFull, acceptToArrival } = figures;
  const hours = MEDIAN_WINDOW_HOURS;
  return (
    <section className="figures" aria-labelledby="figures-title">
      <h2 id="figures-title" className="visually-hidden">
        {t('figures.heading')}
      </h2>
      <ul className="figure-grid">
        {countTile('available', t('figures.available'), figures.available)}
        {countTile('deployed', t('figures.deployed'), figures.deployed)}
        {countTile('open-incidents', t('figures.openIncidents'), figures.openIncidents)}
        {countTile(
          'unfilled-requests',
          t('figures.unfilledRequests'),
          unfilledRequests,
          unfilledRequests.missingVolunteers > 0
            ? t('figures.missing', { count: unfilledRequests.missingVolunteers })
            : t('figures.noneMissing'),
        )}
        {medianTile(
          'request-to-full',
          t('figures.requestToFull'),
          requestToFull,
          requestToFull.now === null
            ? t('figures.noneFilled', { hours })
            : t('figures.requestBasis', { count: requestToFull.nowCases, hours }),
        )}
        {medianTile(
          'accept-to-arrival',
          t('figures.acceptToArrival'),
          acceptToArrival,
          acceptToArrival.now === null
            ? t('figures.noneArrived', { hours })
            : t('figures.arrivalBasis', { count: acceptToArrival.nowCases, hours }),
        )}
      </ul>
    </section>
  );
}

function Tile({
  id,
  label,
  value,
  valueLabel,
  duration = false,
  trend,
  note,
}: {
  id: string;
  label: string;
  value: string;
  valueLabel?: string;
  /** Durations are longer words than counts ("3 jam 47 mnt") and get a smaller size to stay on one line. */
  duration?: boolean;
  trend: ReactNode;
  note?: ReactNode;
}) {
  return (
    <li className="figure" data-testid={`figure-${id}`}>
      <h3 className="figure-label">{label}</h3>
      <p className={`figure-value${duration ? ' figure-duration' : ''}`} data-testid="figure-value">
        {valueLabel ? (
          <>
            <span aria-hidden="true">{value}</span>
            <span className="visually-hidden">{valueLabel}</span>
          </>
        ) : (
          value
        )}
      </p>
      <p className="figure-trend" data-testid="figure-trend">
        {trend}
      </p>
      {note ? (
        <p className="figure-note" data-testid="figure-note">
          {note}
        </p>
      ) : null}
    </li>
  );
}

function Trend({ direction, was, hours }: { direction?: Direction; was?: string; hours: number }) {
  const t = useTranslations('board.trend');
  return (
    <>
      {direction ? (
        <span className={`trend trend-${direction}`}>
          <span aria-hidden="true">{ARROWS[direction]} </span>
          {t(direction)}
          {' · '}
        </span>
      ) : null}
      {was === undefined ? t('noEarlier', { hours }) : t('was', { hours, value: was })}
    </>
  );
}
