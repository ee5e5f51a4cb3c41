'use client';

import './readiness.css';

import { useTranslations } from 'next-intl';
import type { ProvinceReadiness } from '@/lib/readiness';

/**
 * What falls short of the province's readiness rules, named: kabupaten/kota below a standby minimum and
 * kecamatan without enough volunteers. Each line carries a warning sign and words, never colour alone.
 */
export function ReadinessWarnings({
  readiness,
  settingsHref,
  className = 'panel readiness-panel',
}: {
  readiness: ProvinceReadiness;
  /** Where the rules are set, for those who may open that page. */
  settingsHref?: string;
  className?: string;
}) {
  const t = useTranslations('readiness.warnings');
  const { belowMinimum, uncovered } = readiness;
  const hasRules = readiness.minimums.length > 0 || readiness.rules.length > 0;
  return (
    <section className={className} aria-labelledby="readiness-title" data-testid="readiness-warnings">
      <h2 id="readiness-title">{t('title')}</h2>
      {!hasRules ? (
        <p className="empty">{t('noRules')}</p>
      ) : belowMinimum.length === 0 && uncovered.length === 0 ? (
        <p className="readiness-ok" data-testid="readiness-ok">
          <span aria-hidden="true">✓ </span>
          {t('allMet')}
        </p>
      ) : null}
      {belowMinimum.length > 0 && (
        <>
          <h3>{t('belowTitle', { count: belowMinimum.length })}</h3>
          <ul className="readiness-list" data-testid="readiness-below">
            {belowMinimum.map((row) => (
              <li
                key={`${row.regencyCode} ${row.pillarCode}`}
                data-regency={row.regencyCode}
                data-pillar={row.pillarCode}
              >
                <span className="warn-mark" aria-hidden="true">
                  !
                </span>
                {t('below', {
                  regency: row.regencyName,
                  pillar: row.pillarName,
                  available: row.available,
                  minimum: row.minimumAvailable,
                  short: row.shortBy,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {uncovered.length > 0 && (
        <>
          <h3>{t('uncoveredTitle', { count: uncovered.length })}</h3>
          <ul className="readiness-list" data-testid="readiness-uncovered">
            {uncovered.map((row) => (
              <li
                key={`${row.districtCode} ${row.pillarCode}`}
                data-district={row.districtCode}
                data-pillar={row.pillarCode}
              >
                <span className="warn-mark" aria-hidden="true">
                  !
                </span>
                {t('uncovered', {
                  district: row.districtName,
                  regency: row.regencyName,
                  pillar: row.pillarName,
                  active: row.active,
                  required: row.required,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {settingsHref && (
        <p className="meta">
          <a href={settingsHref}>{t('settings')}</a>
        </p>
      )}
    </section>
  );
}
