'use client';

import './legend.css';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import type { IncidentType } from '@/lib/domain';
import { INCIDENT_COLOURS } from './incident-style';
import type { AvailabilityScale } from './scale';

/** Below this width the legend starts folded: on a phone the map and its numbers come first. */
const PHONE_QUERY = '(max-width: 800px)';

/**
 * What the colours, circles and lines on the map mean. It sits below the map, never over it, so it
 * covers no kabupaten's number; on a phone it starts folded and opens with a tap.
 */
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
  // Folded in the first HTML; a wider screen opens it as soon as the page runs (then it is the person's).
  const legend = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (legend.current && !window.matchMedia(PHONE_QUERY).matches) legend.current.open = true;
  }, []);
  return (
    <details className="legend" ref={legend} data-testid="legend">
      <summary className="legend-title">{t('legend.title')}</summary>
      <div className="legend-body">
        <div className="legend-group">
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
        </div>
        {incidentTypes.length > 0 && (
          <div className="legend-group">
            <p className="legend-heading">{t('legend.incidents')}</p>
            <ul>
              {incidentTypes.map((type) => (
                <li key={type} data-incident-type={type}>
                  <span className="dot" style={{ background: INCIDENT_COLOURS[type] }} aria-hidden="true" />
                  {t(`incidentTypes.${type}`)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {(showLines || showEmphasis || showWarnings) && (
          <div className="legend-group">
            <ul>
              {showLines && (
                <>
                  <li>
                    <span className="line-swatch" aria-hidden="true" />
                    {t('legend.line')}
                  </li>
                  <li>
                    <span className="line-swatch dashed" aria-hidden="true" />
                    {t('legend.lineWaiting')}
                  </li>
                </>
              )}
              {showEmphasis && (
                <li>
                  <span className="swatch swatch-emphasis" aria-hidden="true" />
                  {t('legend.emphasis')}
                </li>
              )}
              {showWarnings && (
                <li data-testid="legend-warned">
                  <span className="warn-mark" aria-hidden="true">
                    !
                  </span>
                  {t('legend.belowMinimum')}
                </li>
              )}
            </ul>
          </div>
        )}
      </div>
    </details>
  );
}
