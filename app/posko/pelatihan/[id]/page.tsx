import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { pillars } from '@/db/schema';
import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { latestEventId } from '@/server/events/queries';
import { trainingDetail, type TrainingDetail } from '@/server/trainings/queries';
import { CertificateBadge, formatDay, formatDays } from '@/app/_shared/CertificateBadge';
import { requirePage } from '@/app/_shared/session';
import { AttendanceRecorder } from '@/app/_areas/trainings/AttendanceRecorder';
import { RemoveAttendee } from '@/app/_areas/trainings/RemoveAttendee';
import { TrainingForm } from '@/app/_areas/trainings/TrainingForm';
import { TrainingsTopbar } from '@/app/_areas/trainings/TrainingsTopbar';
import styles from '@/app/_areas/trainings/trainings.module.css';
import type { Locale } from '@/app/_i18n/config';
import type { Actor } from '@/lib/roles';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('trainings'))('title') };
}

/** The training, or null when the actor may not see it (the same 404 as an unknown id). */
async function load(actor: Actor, id: string): Promise<TrainingDetail | null> {
  const ctx = getAppContext();
  try {
    return await trainingDetail({ ctx: { ...ctx, actor }, input: { trainingId: id } });
  } catch (error) {
    if (error instanceof DomainError && ['NOT_FOUND', 'FORBIDDEN', 'INVALID'].includes(error.code)) return null;
    throw error;
  }
}

/** One training: its details, who completed it with each certificate's standing, and recording many at once. */
export default async function TrainingPage({ params }: Props) {
  const { id } = await params;
  const { actor, me } = await requirePage(`/posko/pelatihan/${id}`, ['admin', 'coordinator', 'leader']);
  // Read before the training, so what commits in between is replayed by the live refresh.
  const position = await latestEventId(getAppContext().db);
  const detail = await load(actor, id);
  if (!detail) notFound();
  const [t, locale, pillarRows] = await Promise.all([
    getTranslations('trainings'),
    getLocale() as Promise<Locale>,
    getAppContext().db.select({ code: pillars.code, name: pillars.name }).from(pillars),
  ]);
  const pillarName = new Map(pillarRows.map((pillar) => [pillar.code, pillar.name]));
  const { training } = detail;
  const dates = formatDays(locale, training.startsOn, training.endsOn);

  return (
    <div className="dashboard">
      <TrainingsTopbar me={me} position={position} trainingId={training.id} />
      <main className="page-body">
        <p className={styles.back}>
          <Link href="/posko/pelatihan">← {t('back')}</Link>
        </p>
        <section className="card" aria-labelledby="training-title">
          <h2 id="training-title">{training.name}</h2>
          <dl className={styles.profile}>
            <div>
              <dt>{t('columns.kind')}</dt>
              <dd>{t(`kinds.${training.kind}`)}</dd>
            </div>
            <div>
              <dt>{t('detail.organiser')}</dt>
              <dd>{training.organiser}</dd>
            </div>
            <div>
              <dt>{t('detail.dates')}</dt>
              <dd>{dates}</dd>
            </div>
            {training.place ? (
              <div>
                <dt>{t('detail.place')}</dt>
                <dd>{training.place}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('detail.validity')}</dt>
              <dd>{training.validMonths === null ? t('forGood') : t('validity', { months: training.validMonths })}</dd>
            </div>
          </dl>
        </section>

        {detail.canRecord ? (
          <section className="card">
            <AttendanceRecorder trainingId={training.id} defaultDay={training.endsOn} />
          </section>
        ) : null}

        <section className="card" aria-labelledby="attendees-title">
          <h2 id="attendees-title">{t('detail.attendees', { count: detail.attendees.length })}</h2>
          {detail.attendees.length === 0 ? (
            <p className="hint">{t('detail.noAttendees')}</p>
          ) : (
            <table className="data-table card-table" data-testid="training-attendees">
              <thead>
                <tr>
                  <th scope="col">{t('detail.name')}</th>
                  <th scope="col">{t('detail.regency')}</th>
                  <th scope="col">{t('detail.completedOn')}</th>
                  <th scope="col">{t('detail.certificate')}</th>
                  {detail.canRecord ? (
                    <th scope="col">
                      <span className="visually-hidden">{t('detail.remove', { name: '' })}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {detail.attendees.map((attendee) => (
                  <tr key={attendee.volunteerId} data-volunteer={attendee.volunteerId}>
                    <td className={styles.lead}>
                      {actor.role === 'leader' ? (
                        attendee.name
                      ) : (
                        <Link href={`/posko/relawan/${attendee.volunteerId}`}>{attendee.name}</Link>
                      )}
                      <span className={styles.sub}>
                        {[pillarName.get(attendee.pillarCode) ?? attendee.pillarCode, attendee.phone]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </td>
                    <td data-label={t('detail.regency')}>{attendee.regencyName}</td>
                    <td data-label={t('detail.completedOn')}>
                      {formatDay(locale, attendee.completedOn)}
                      {attendee.certifiedOn ? (
                        <span className={styles.sub}>
                          {t('record.certifiedOn')}: {formatDay(locale, attendee.certifiedOn)}
                        </span>
                      ) : null}
                    </td>
                    <td data-label={t('detail.certificate')}>
                      <CertificateBadge validUntil={attendee.validUntil} status={attendee.status} />
                    </td>
                    {detail.canRecord ? (
                      <td>
                        <RemoveAttendee
                          trainingId={training.id}
                          volunteerId={attendee.volunteerId}
                          name={attendee.name}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        {detail.canEdit ? (
          <section className="card">
            <TrainingForm provinceCode={training.provinceCode ?? ''} training={training} />
          </section>
        ) : null}
      </main>
    </div>
  );
}
