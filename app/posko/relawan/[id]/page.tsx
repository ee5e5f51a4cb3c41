import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { TimeZone } from '@/lib/domain';
import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { latestEventId } from '@/server/events/queries';
import { findProvince } from '@/server/regencies/queries';
import { volunteerRecord, type VolunteerRecord } from '@/server/volunteers/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { LiveRefresh } from '@/app/_shared/LiveRefresh';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { formatDayIn, formatWhenIn } from '@/app/_areas/registry/use-when';
import styles from '@/app/_areas/registry/VolunteerRecord.module.css';
import { requirePage } from '@/app/_shared/session';
import type { Actor } from '@/lib/roles';
import { certificateStatus } from '@/lib/trainings';
import { CertificateBadge } from '@/app/_shared/CertificateBadge';
import { VolunteerTexts } from '@/app/_areas/channels/VolunteerTexts';

type Props = { params: Promise<{ id: string }> };

/** The calendar day ("2026-11-24") of a moment in the province's zone. */
const dayIn = (at: Date, timeZone: TimeZone) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);

/** The volunteer, or null when the actor may not see them (the same 404 as for an unknown id). */
async function load(actor: Actor, id: string): Promise<VolunteerRecord | null> {
  try {
    const ctx = getAppContext();
    return await volunteerRecord(ctx.db, actor, id, ctx.now());
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('roster'))('title') };
}

/** One volunteer for a coordinator in scope: profile, trainings and every deployment, live. */
export default async function VolunteerPage({ params }: Props) {
  const { id } = await params;
  const { actor, me } = await requirePage(`/posko/relawan/${id}`, ['admin', 'coordinator']);
  const ctx = getAppContext();
  const position = await latestEventId(ctx.db);
  const volunteer = await load(actor, id);
  if (!volunteer) notFound();
  const [t, v, r, tt, locale, province] = await Promise.all([
    getTranslations('roster'),
    getTranslations('roster.volunteer'),
    getTranslations('registry'),
    getTranslations('trainings'),
    getLocale(),
    findProvince(ctx.db, volunteer.provinceCode),
  ]);
  const homeZone: TimeZone = province?.timeZone ?? 'Asia/Jakarta';
  const when = (at: Date, zone: TimeZone) => formatWhenIn(locale, at, zone);

  return (
    <div className="dashboard">
      <PageTopbar title={volunteer.name} subtitle={`${volunteer.pillarName} · ${volunteer.regencyName}`}>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <LiveRefresh position={position} volunteerId={volunteer.id} />
      <main className="page-body">
        <p className={styles.back}>
          <Link href="/posko/relawan">← {v('back')}</Link>
          <Link href={`/posko/relawan/${volunteer.id}/ubah`} data-testid="edit-volunteer">
            {r('edit')}
          </Link>
        </p>
        {volunteer.erasedAt ? (
          <p className="notice" data-testid="erased-notice">
            {(await getTranslations('privacy'))('erase.erased')}
          </p>
        ) : null}
        {volunteer.retiredAt ? (
          <p className="notice" data-testid="retired-notice">
            {r('retiredSince', { when: when(volunteer.retiredAt, homeZone), reason: volunteer.retiredReason ?? '' })}
          </p>
        ) : null}
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{v('profile')}</h2>
          <dl className={styles.profile}>
            <div>
              <dt>{v('availability')}</dt>
              <dd>
                <span className={`pill pill-${volunteer.availability}`}>
                  {t(`availability.${volunteer.availability}`)}
                </span>{' '}
                <span className="hint">{v('since', { when: when(volunteer.availabilityChangedAt, homeZone) })}</span>
              </dd>
            </div>
            <div>
              <dt>{v('phone')}</dt>
              <dd>
                <a href={`tel:${volunteer.phone}`}>{volunteer.phone}</a>
              </dd>
            </div>
            <div>
              <dt>{v('pillar')}</dt>
              <dd>{volunteer.pillarName}</dd>
            </div>
            {volunteer.taganaRank ? (
              <div>
                <dt>{v('rank')}</dt>
                <dd>{v(`ranks.${volunteer.taganaRank}`)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{v('role')}</dt>
              <dd>{volunteer.isTeamLeader ? v('teamLeader') : v('member')}</dd>
            </div>
            <div>
              <dt>{v('regency')}</dt>
              <dd>{volunteer.regencyName}</dd>
            </div>
            <div>
              <dt>{v('district')}</dt>
              <dd>{volunteer.districtName ?? v('none')}</dd>
            </div>
            {volunteer.village ? (
              <div>
                <dt>{r('profile.village')}</dt>
                <dd>{volunteer.village}</dd>
              </div>
            ) : null}
            {volunteer.nik ? (
              <div>
                <dt>NIK</dt>
                <dd>{volunteer.nik}</dd>
              </div>
            ) : null}
            {volunteer.gender || volunteer.birthYear ? (
              <div>
                <dt>
                  {r('profile.gender')} · {r('profile.birthYear')}
                </dt>
                <dd>
                  {volunteer.gender ? r(`genders.${volunteer.gender}`) : v('none')} · {volunteer.birthYear ?? v('none')}
                </dd>
              </div>
            ) : null}
            {volunteer.emergencyContactName || volunteer.emergencyContactPhone ? (
              <div>
                <dt>{r('profile.emergency')}</dt>
                <dd>
                  {volunteer.emergencyContactName ?? ''}{' '}
                  {volunteer.emergencyContactPhone ? (
                    <a href={`tel:${volunteer.emergencyContactPhone}`}>{volunteer.emergencyContactPhone}</a>
                  ) : null}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{v('employment')}</dt>
              <dd>{volunteer.isCivilServant ? v('civilServant') : v('notCivilServant')}</dd>
            </div>
            <div>
              <dt>{v('skills')}</dt>
              <dd>{volunteer.skills.length > 0 ? volunteer.skills.join(', ') : v('none')}</dd>
            </div>
            <div>
              <dt>{v('joined')}</dt>
              <dd>{formatDayIn(locale, dayIn(volunteer.createdAt, homeZone))}</dd>
            </div>
            <div>
              <dt>{v('account')}</dt>
              <dd>{t(`account.${volunteer.account}`)}</dd>
            </div>
          </dl>
        </section>

        <section className="card" aria-labelledby="trainings-title">
          <h2 id="trainings-title">{v('trainings', { count: volunteer.trainings.length })}</h2>
          {volunteer.trainings.length === 0 ? (
            <p className="hint">{v('noTrainings')}</p>
          ) : (
            <table className={`data-table card-table ${styles.table}`}>
              <thead>
                <tr>
                  <th scope="col">{v('trainingName')}</th>
                  <th scope="col">{v('trainingKind')}</th>
                  <th scope="col">{v('organiser')}</th>
                  <th scope="col">{v('trainingDates')}</th>
                  <th scope="col">{v('completedOn')}</th>
                  <th scope="col">{tt('detail.certificate')}</th>
                </tr>
              </thead>
              <tbody>
                {volunteer.trainings.map((training) => (
                  <tr key={training.id}>
                    <td className={styles.lead}>{training.name}</td>
                    <td data-label={v('trainingKind')}>{v(`trainingKinds.${training.kind}`)}</td>
                    <td data-label={v('organiser')}>{training.organiser}</td>
                    <td data-label={v('trainingDates')}>
                      {formatDayIn(locale, training.startsOn)}
                      {training.endsOn !== training.startsOn ? ` – ${formatDayIn(locale, training.endsOn)}` : ''}
                    </td>
                    <td data-label={v('completedOn')}>{formatDayIn(locale, training.completedOn)}</td>
                    <td data-label={tt('detail.certificate')}>
                      <CertificateBadge
                        validUntil={training.validUntil}
                        status={certificateStatus(training.validUntil, dayIn(ctx.now(), homeZone))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="card" aria-labelledby="deployments-title">
          <h2 id="deployments-title">{v('deployments', { count: volunteer.deployments.length })}</h2>
          {volunteer.deployments.length === 0 ? (
            <p className="hint">{v('noDeployments')}</p>
          ) : (
            <table className={`data-table card-table ${styles.table}`}>
              <thead>
                <tr>
                  <th scope="col">{v('incident')}</th>
                  <th scope="col">{v('requestedAs')}</th>
                  <th scope="col">{v('times')}</th>
                  <th scope="col">{v('status')}</th>
                </tr>
              </thead>
              <tbody>
                {volunteer.deployments.map((deployment) => {
                  const times = (
                    [
                      ['offered', deployment.offeredAt],
                      ['accepted', deployment.respondedAt],
                      ['departed', deployment.departedAt],
                      ['arrived', deployment.arrivedAt],
                      ['completed', deployment.completedAt],
                    ] as const
                  ).filter(([, at]) => at !== null);
                  return (
                    <tr key={deployment.assignmentId}>
                      <td className={styles.lead}>
                        <Link href={`/kejadian/${deployment.incidentId}`}>{deployment.incidentTitle}</Link>
                        <span className={styles.sub}>
                          {v(`incidentTypes.${deployment.incidentType}`)} · {deployment.incidentRegencyName}
                        </span>
                      </td>
                      <td data-label={v('requestedAs')}>
                        {[deployment.pillarNames.join(', '), deployment.skill].filter(Boolean).join(' · ')}
                      </td>
                      <td>
                        <ul className={styles.times}>
                          {times.map(([key, at]) => (
                            <li key={key}>
                              <span>{v(key)}</span> {when(at!, deployment.timeZone)}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <span className={`pill ${styles[`status_${deployment.status}`] ?? ''}`}>
                          {v(`assignmentStatus.${deployment.status}`)}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
        <VolunteerTexts volunteerId={volunteer.id} timeZone={homeZone} />
      </main>
    </div>
  );
}
