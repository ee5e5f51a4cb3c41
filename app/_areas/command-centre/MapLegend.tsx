'use client';

import { useTranslations } from 'next-intl';
import type { IncidentType } from '@/lib/domain';
import { INCIDENT_COLOURS } from '@/app/_shared/map/incident-style';
import type { AvailabilityScale } from '@/app/_shared/map/scale';

/** What the colours, circles and lines on the map mean; folds away to uncover the map. */
export function MapLegend({
  scale,
  incidentTypes = [],
  showLines = false,
  showEmphasis = false,
  showWarnings = false,
}: {
  scale: AvailabilityScale;
  /** Incident types on the map, each with its colour. */
  incidentTypes?: IncidentType[];
  showLines?: boolean;
  showEmphasis?: boolean;
  /** Some kabupaten/kota are below a readiness minimum: say what their "!" means. */
  showWarnings?: boolean;
}) {
  const t = useTranslations('map');
  return (
    <details className="legend" open data-testid="legend">
      <summary className="legend-title">{t('legend.title')}</summary>
      <p className="legend-heading">{t('legend.available')}</p>
      <ul>
        <li>
          <span className="swatch" style={{ background: scale.nobody.colour }} aria-hidden="true" />
          {scale.nobody.label}
        </li>
        {scale.classes.map((item) => (
          <li key={item.from}>
            <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
            {item.label}
          </li>
        ))}
      </ul>
      {showEmphasis && (
        <p className="legend-note">
          <span className="swatch swatch-emphasis" aria-hidden="true" />
          {t('legend.emphasis')}
        </p>
      )}
      {showWarnings && (
        <p className="legend-note" data-testid="legend-warned">
          <span className="warn-mark" aria-hidden="true">
            !
          </span>
          {t('legend.belowMinimum')}
        </p>
      )}
      {incidentTypes.length > 0 && (
        <>
          <p className="legend-heading">{t('legend.incidents')}</p>
          <ul>
            {incidentTypes.map((type) => (
              <li key={type} data-incident-type={type}>
                <span className="dot" style={{ background: INCIDENT_COLOURS[type] }} aria-hidden="true" />
                {t(`incidentTypes.${type}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {showLines && (
        <ul>
          <li>
            <span className="line-swatch" aria-hidden="true" />
            {t('legend.line')}
          </li>
          <li>
            <span className="line-swatch dashed" aria-hidden="true" />
            {t('legend.lineWaiting')}
          </li>
        </ul>
      )}
    </details>
  );
}
