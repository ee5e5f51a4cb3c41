'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { TimeZone } from '@/lib/domain';
import { FIGURE_KEYS, isSituationEvent, photoUrl, type FigureKey } from '@/lib/situation';
import type { IncidentFigures } from '@/server/assessments/figures';
import type { PlaceChoice } from '@/server/assessments/places';
import type { SitrepListItem } from '@/server/sitreps/queries';
import { AssessmentForm, type AssessmentDraft, type DraftOutcome } from '@/app/_shared/AssessmentForm';
import { callApi } from '@/app/_shared/api';
import type { Json } from '@/app/_shared/json';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useRefresher } from '@/app/_shared/refresher';
import { formatWhen } from '@/app/_shared/time';
import { useConnection } from '@/app/_shared/use-connection';
import { SitrepComposer } from './SitrepComposer';
import './situation.css';

type Figures = Json<IncidentFigures>;

/**
 * The incident's situation, live: the figures from the rapid assessments (unverified ones marked), per
 * kecamatan and desa with verification for coordinators, a small chart over time, and the numbered
 * situation reports. A closed incident shows all of it read-only.
 */
export function SituationPanel({
  incidentId,
  initialFigures,
  initialReports,
  position,
  timeZone,
  canAct,
  places,
}: {
  incidentId: string;
  initialFigures: Figures;
  initialReports: Json<SitrepListItem>[];
  position: number;
  timeZone: TimeZone;
  /** A coordinator in scope of an open incident: records, verifies and issues reports. */
  canAct: boolean;
  places: PlaceChoice[];
}) {
  const t = useTranslations('situation.panel');
  const labels = useTranslations('situation.report');
  const sitrepWords = useTranslations('situation.sitreps');
  const formWords = useTranslations('situation.form');
  const photoWords = useTranslations('photo.panel');
  const format = useFormatter();
  const locale = useLocale();
  const [figures, setFigures] = useState(initialFigures);
  const [reports, setReports] = useState(initialReports);
  const [error, setError] = useState<string | null>(null);

  const refresh = useRefresher(async () => {
    const [read, list] = await Promise.all([
      callApi<Figures>(`/api/incidents/${incidentId}/figures`),
      callApi<{ reports: Json<SitrepListItem>[] }>(`/api/incidents/${incidentId}/sitreps`),
    ]);
    if (read.ok) setFigures(read.data);
    if (list.ok) setReports(list.data.reports);
  });
  useLiveEvents(
    position,
    (event) => {
      if (event.incidentId === incidentId && isSituationEvent(event.type)) refresh();
    },
    refresh,
  );
  useConnection(refresh);

  async function review(assessmentId: string, verified: boolean) {
    let reason: string | undefined;
    if (!verified) {
      const answer = window.prompt(t('rejectReason'));
      if (answer === null) return;
      reason = answer;
    }
    const result = await callApi(`/api/assessments/${assessmentId}/verify`, { body: { verified, reason } });
    setError(result.ok ? null : result.error);
    refresh();
  }

  async function record(draft: AssessmentDraft): Promise<DraftOutcome> {
    const result = await callApi(`/api/incidents/${incidentId}/assessments`, { body: draft.input });
    if (!result.ok) return result;
    refresh();
    return { ok: true, message: formWords('saved', { place: draft.placeName }) };
  }

  const n = (value: number) => format.number(value);
  const star = (unverified: number) =>
    unverified > 0 ? (
      <abbr className="unverified-mark" title={t('ofWhichUnverified', { count: n(unverified) })}>
        *
      </abbr>
    ) : null;
  const changeOf = (key: FigureKey) => {
    const delta = figures.change?.[key];
    if (!delta || !figures.lastReport) return null;
    return (
      <span className="figure-change">
        {delta > 0 ? '+' : '−'}
        {n(Math.abs(delta))} {t('changeSince', { number: figures.lastReport.number })}
      </span>
    );
  };
  const history = figures.history.map((point) => ({
    at: formatWhen(point.at, timeZone, locale),
    people: point.totals.displacedPeople,
    dead: point.totals.dead,
  }));
  const nothing = figures.byDistrict.length === 0;

  return (
    <section className="situation" aria-labelledby="situation-title" data-testid="situation-panel">
      <h2 id="situation-title">{t('title')}</h2>
      {nothing ? <p className="hint">{t('none')}</p> : null}
      <dl className="figure-grid" data-testid="figure-totals">
        {FIGURE_KEYS.map((key) => (
          <div key={key} className="figure" data-figure={key}>
            <dt>{labels(`figures.${key}`)}</dt>
            <dd>
              <span className="figure-value" data-testid={`total-${key}`}>
                {n(figures.totals[key])}
              </span>
              {star(figures.unverified[key])}
              {changeOf(key)}
            </dd>
          </div>
        ))}
      </dl>
      {FIGURE_KEYS.some((key) => figures.unverified[key] > 0) ? <p className="hint">{t('unverifiedHint')}</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      {nothing ? null : (
        <>
          <h3>{t('byDistrict')}</h3>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('byDistrict')}>
            <table className="data-table situation-table">
              <thead>
                <tr>
                  <th scope="col">{t('place')}</th>
                  {(
                    ['dead', 'missing', 'displacedFamilies', 'displacedPeople', 'housesHeavy', 'housesFlooded'] as const
                  ).map((key) => (
                    <th scope="col" key={key} className="num">
                      {labels(`figures.${key}`)}
                    </th>
                  ))}
                  <th scope="col">{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.byDistrict.map((district) => [
                  <tr key={district.districtCode} className="district-row">
                    <th scope="row">Kec. {district.districtName}</th>
                    {(
                      [
                        'dead',
                        'missing',
                        'displacedFamilies',
                        'displacedPeople',
                        'housesHeavy',
                        'housesFlooded',
                      ] as const
                    ).map((key) => (
                      <td key={key} className="num">
                        {n(district.totals[key])}
                        {star(district.unverified[key])}
                      </td>
                    ))}
                    <td />
                  </tr>,
                  ...district.places.map((place) => (
                    <tr key={place.assessmentId} data-testid="assessment-row" data-status={place.status}>
                      <th scope="row" className="place-name">
                        {place.villageName ?? formWords('wholeDistrict')}
                        <small>
                          {t('reportedBy', {
                            name: place.submittedBy,
                            when: formatWhen(place.assessedAt, timeZone, locale),
                          })}
                        </small>
                        {place.photos > 0 ? (
                          <span className="place-photos" data-testid="assessment-photos">
                            {Array.from({ length: place.photos }, (_, i) => i + 1).map((n) => (
                              <a
                                key={n}
                                href={photoUrl(place.assessmentId, n)}
                                target="_blank"
                                rel="noopener"
                                data-testid="assessment-photo"
                              >
                                {/* eslint-disable-next-line @next/next/no-img-element -- served by Posko itself, already small */}
                                <img
                                  src={photoUrl(place.assessmentId, n)}
                                  alt={photoWords('open', {
                                    n,
                                    place: place.villageName ?? `Kec. ${district.districtName}`,
                                  })}
                                  width={56}
                                  height={56}
                                  loading="lazy"
                                  decoding="async"
                                />
                              </a>
                            ))}
                          </span>
                        ) : null}
                      </th>
                      {(
                        [
                          'dead',
                          'missing',
                          'displacedFamilies',
                          'displacedPeople',
                          'housesHeavy',
                          'housesFlooded',
                        ] as const
                      ).map((key) => (
                        <td key={key} className="num">
                          {n(place.figures[key])}
                        </td>
                      ))}
                      <td>
                        <span className={`pill ${place.status === 'verified' ? 'pill-available' : 'pill-pending'}`}>
                          {t(place.status)}
                        </span>
                        {canAct && place.status === 'unverified' ? (
                          <span className="review-actions">
                            <button type="button" onClick={() => void review(place.assessmentId, true)}>
                              {t('verify')}
                            </button>
                            <button type="button" onClick={() => void review(place.assessmentId, false)}>
                              {t('reject')}
                            </button>
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  )),
                ])}
              </tbody>
            </table>
          </div>
        </>
      )}

      {history.length > 1 ? (
        <>
          <h3>{t('chart')}</h3>
          <div className="situation-chart" role="img" aria-label={t('chart')}>
            <LineChart data={history} responsive accessibilityLayer={false} style={{ width: '100%', height: '100%' }}>
              <CartesianGrid stroke="#d5dde3" />
              <XAxis dataKey="at" tick={{ fill: '#3d4a54', fontSize: 11 }} />
              <YAxis allowDecimals={false} tick={{ fill: '#3d4a54', fontSize: 11 }} width={48} />
              <Legend verticalAlign="top" height={28} />
              <Line
                dataKey="people"
                name={t('chartPeople')}
                stroke="#0b3954"
                strokeWidth={2}
                isAnimationActive={false}
              />
              <Line dataKey="dead" name={t('chartDead')} stroke="#9a3412" strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </div>
        </>
      ) : null}

      {canAct ? (
        <details className="situation-record">
          <summary>{t('record')}</summary>
          <AssessmentForm places={places} onSubmit={record} />
        </details>
      ) : null}

      <h3 id="sitreps-title">{sitrepWords('title')}</h3>
      {reports.length === 0 ? <p className="hint">{sitrepWords('none')}</p> : null}
      <ul className="sitrep-list" aria-labelledby="sitreps-title" data-testid="sitrep-list">
        {reports.map((report) => (
          <li key={report.id}>
            <a href={`/kejadian/${incidentId}/laporan/${report.number}`}>
              {sitrepWords('item', { number: report.number })}
            </a>
            <small>
              {' '}
              ·{' '}
              {sitrepWords('issuedAt', { when: formatWhen(report.issuedAt, timeZone, locale), name: report.issuedBy })}
            </small>
          </li>
        ))}
      </ul>
      {canAct ? (
        <SitrepComposer incidentId={incidentId} nextNumber={(reports.at(-1)?.number ?? 0) + 1} onIssued={refresh} />
      ) : null}
    </section>
  );
}
