import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { scopeCovers } from '@/server/auth/actor';
import { getAppContext } from '@/server/context';
import { requestProgress } from '@/server/deployments/queries';
import { DomainError } from '@/server/errors';
import { latestEventId } from '@/server/events/queries';
import { composerOptions, provinceInfo, wholeTimeline } from '@/server/incidents/page-data';
import { getIncident, type IncidentDetail as Detail } from '@/server/incidents/queries';
import { incidentMessages } from '@/server/messages/queries';
import { incidentRollCalls } from '@/server/roll-calls/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { IncidentDetail } from '@/app/_areas/incidents/IncidentDetail';
import { SituationPanel } from '@/app/_areas/situation/SituationPanel';
import { computeFigures } from '@/server/assessments/figures';
import { assessmentPlaces } from '@/server/assessments/places';
import { sitrepsOf } from '@/server/sitreps/queries';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { toJson } from '@/app/_shared/json';
import { requirePage } from '@/app/_shared/session';
import { REGENCY_CODE } from '@/lib/domain';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('incidents');
  return { title: t('title') };
}

/**
 * One incident, live: coordinators in its scope change its phase and dispatch volunteers here; leaders
 * and coordinators of other kabupaten in the province read. An incident outside one's province, or an
 * unknown one, is "not found".
 */
export default async function IncidentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  /** `?sumber=62.03`: the request composer opens with that kabupaten/kota as a source (from the map's popup). */
  searchParams: Promise<{ sumber?: string | string[] }>;
}) {
  const { id } = await params;
  const { sumber } = await searchParams;
  const { actor, me } = await requirePage(`/kejadian/${id}`, ['admin', 'coordinator', 'leader']);
  const ctx = { ...getAppContext(), actor };
  // The position first: anything committed after it reaches the page live or by replay.
  const position = await latestEventId(ctx.db);
  let detail: Detail;
  try {
    detail = await getIncident({ ctx, input: { incidentId: id } });
  } catch (error) {
    if (error instanceof DomainError) notFound();
    throw error;
  }
  const { incident } = detail;
  const [progress, timeline, province, options, t, figures, reports, rollCalls, messages] = await Promise.all([
    Promise.all(detail.requests.map((request) => requestProgress({ ctx, input: { requestId: request.id } }))),
    wholeTimeline(ctx, incident.id),
    provinceInfo(ctx.db, incident.provinceCode),
    composerOptions(ctx.db, incident.provinceCode),
    getTranslations('incidents'),
    computeFigures(ctx.db, incident.id),
    sitrepsOf(ctx.db, incident.id),
    incidentRollCalls(ctx.db, incident.id),
    incidentMessages(ctx.db, incident.id),
  ]);
  if (!province) notFound();
  const canAct = (actor.role === 'admin' || actor.role === 'coordinator') && scopeCovers(actor, incident);
  // A kabupaten coordinator asks its own people; help from elsewhere goes through the province.
  const situationOpen = canAct && incident.phase !== 'closed';
  const places = situationOpen ? await assessmentPlaces(ctx.db, incident.regencyCode) : [];
  const sourceChoices = actor.role === 'coordinator' && actor.scope.regencyCode ? [actor.scope.regencyCode] : null;
  const askFrom =
    situationOpen &&
    typeof sumber === 'string' &&
    sumber.startsWith(`${incident.provinceCode}.`) &&
    REGENCY_CODE.test(sumber) &&
    (!sourceChoices || sourceChoices.includes(sumber))
      ? sumber
      : null;

  return (
    <div className="dashboard">
      <PageTopbar
        title={t('title')}
        subtitle={t('detailSubtitle', { regency: detail.regencyName, province: province.name })}
      >
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <IncidentDetail
        initial={toJson(detail)}
        initialProgress={Object.fromEntries(progress.map((entry) => [entry.request.id, toJson(entry)]))}
        initialTimeline={toJson(timeline)}
        position={position}
        province={province}
        options={canAct ? options : { ...options, skills: [] }}
        canAct={canAct}
        sourceChoices={sourceChoices}
        contact={{ rollCalls, messages }}
        askFrom={askFrom}
      >
        <SituationPanel
          incidentId={incident.id}
          initialFigures={toJson(figures)}
          initialReports={toJson(reports)}
          position={position}
          timeZone={province.timeZone}
          canAct={situationOpen}
          places={places}
        />
      </IncidentDetail>
    </div>
  );
}
