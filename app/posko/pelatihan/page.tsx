import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { getAppContext } from '@/server/context';
import { allProvinces } from '@/server/incidents/page-data';
import { latestEventId } from '@/server/events/queries';
import { listTrainings } from '@/server/trainings/queries';
import { formatDays } from '@/app/_shared/CertificateBadge';
import { pageProvince, requirePage } from '@/app/_shared/session';
import { ProvincePicker } from '@/app/_shared/ProvincePicker';
import { TrainingForm } from '@/app/_areas/trainings/TrainingForm';
import { TrainingsTopbar } from '@/app/_areas/trainings/TrainingsTopbar';
import styles from '@/app/_areas/trainings/trainings.module.css';
import type { Locale } from '@/app/_i18n/config';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('trainings'))('title') };
}

type Params = Record<string, string | string[] | undefined>;

/** The province's trainings catalogue (bimtek, latsar, diklat, camps) with attendance; province coordinators add to it. */
export default async function TrainingsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { actor, me } = await requirePage('/posko/pelatihan', ['admin', 'coordinator', 'leader']);
  const ctx = getAppContext();
  const asked = (await searchParams).provinsi;
  const provinceCode = pageProvince(me, asked);
  // Read before the catalogue, so what commits in between is replayed by the live refresh.
  const position = await latestEventId(ctx.db);
  const [catalogue, t, locale, provinceChoices] = await Promise.all([
    listTrainings({ ctx: { ...ctx, actor }, input: { provinceCode } }),
    getTranslations('trainings'),
    getLocale() as Promise<Locale>,
    actor.role === 'admin' ? allProvinces(ctx.db) : [],
  ]);

  return (
    <div className="dashboard">
      <TrainingsTopbar me={me} position={position} />
      <main className="page-body">
        {provinceChoices.length > 0 ? (
          <div className="card">
            <ProvincePicker
              action="/posko/pelatihan"
              id="trainings-province"
              label={t('province')}
              submit={t('showProvince')}
              provinces={provinceChoices}
              current={provinceCode}
            />
          </div>
        ) : null}
        <section className="card" aria-labelledby="catalogue-title">
          <h2 id="catalogue-title">{t('catalogue', { province: catalogue.province.name })}</h2>
          <p className="hint">{t('count', { count: catalogue.trainings.length })}</p>
          {catalogue.trainings.length === 0 ? (
            <p className="hint">{t('empty')}</p>
          ) : (
            <table className="data-table card-table" data-testid="training-catalogue">
              <thead>
                <tr>
                  <th scope="col">{t('columns.name')}</th>
                  <th scope="col">{t('columns.kind')}</th>
                  <th scope="col">{t('columns.dates')}</th>
                  <th scope="col">{t('columns.validity')}</th>
                  <th scope="col">{t('columns.attendees')}</th>
                </tr>
              </thead>
              <tbody>
                {catalogue.trainings.map((training) => (
                  <tr key={training.id}>
                    <td className={styles.lead}>
                      <Link href={`/posko/pelatihan/${training.id}`}>{training.name}</Link>
                      <span className={styles.sub}>
                        {[training.organiser, training.place].filter(Boolean).join(' · ')}
                      </span>
                    </td>
                    <td data-label={t('columns.kind')}>{t(`kinds.${training.kind}`)}</td>
                    <td data-label={t('columns.dates')}>{formatDays(locale, training.startsOn, training.endsOn)}</td>
                    <td data-label={t('columns.validity')}>
                      {training.validMonths === null ? t('forGood') : t('validity', { months: training.validMonths })}
                    </td>
                    <td data-label={t('columns.attendees')}>
                      {t('attendeeSummary', {
                        count: training.attendees,
                        expiring: training.expiring,
                        expired: training.expired,
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {catalogue.canEdit ? (
          <section className="card">
            <TrainingForm provinceCode={catalogue.province.code} />
          </section>
        ) : null}
      </main>
    </div>
  );
}
