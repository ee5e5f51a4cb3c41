'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { CommandIncident } from '@/lib/command-centre';
import type { FigureKey } from '@/lib/situation';
import './incident-figures.css';

/** What a compact line shows: each entry adds up some of the incident's figures. */
const ENTRIES: { key: 'dead' | 'missing' | 'injured' | 'displaced' | 'houses'; of: FigureKey[] }[] = [
  { key: 'dead', of: ['dead'] },
  { key: 'missing', of: ['missing'] },
  { key: 'injured', of: ['injuredSevere', 'injuredLight'] },
  { key: 'displaced', of: ['displacedFamilies', 'displacedPeople'] },
  { key: 'houses', of: ['housesHeavy', 'housesModerate', 'housesLight', 'housesFlooded'] },
];

/**
 * An incident's totals from its rapid assessments in one compact line (dead, missing, injured, displaced
 * KK/jiwa, houses), a figure that is not yet verified marked with `*`: for the command centre and the board.
 */
export function IncidentFigureLine({ figures }: { figures: CommandIncident['figures'] }) {
  const t = useTranslations('photo.figures');
  const format = useFormatter();
  if (!figures) {
    return (
      <p className="incident-figures incident-figures-none" data-testid="incident-figures">
        {t('none')}
      </p>
    );
  }
  const sum = (from: Record<FigureKey, number>, keys: FigureKey[]) => keys.reduce((all, key) => all + from[key], 0);
  const n = (value: number) => format.number(value);
  return (
    <dl className="incident-figures" data-testid="incident-figures">
      {ENTRIES.map(({ key, of }) => {
        const unverified = sum(figures.unverified, of) > 0;
        const value =
          key === 'displaced'
            ? t('displacedValue', {
                families: n(figures.totals.displacedFamilies),
                people: n(figures.totals.displacedPeople),
              })
            : n(sum(figures.totals, of));
        return (
          <div key={key} data-figure={key}>
            <dt>{t(key)}</dt>
            <dd>
              <span data-testid={`incident-figure-${key}`}>{value}</span>
              {unverified ? (
                <abbr className="unverified-mark" title={t('unverified')}>
                  *<span className="visually-hidden"> {t('unverified')}</span>
                </abbr>
              ) : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
