import { notFound } from 'next/navigation';
import type { Me } from '@/lib/auth';
import type { Actor } from '@/lib/roles';
import { loadCommandCentre } from '@/server/command-centre/page-data';
import { commandCentreTarget, type CommandCentreTarget } from '@/server/command-centre/queries';
import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { provinceReadiness } from '@/server/readiness/queries';
import { CommandCentre } from './CommandCentre';
import { UserMenu } from '@/app/_shared/UserMenu';

/** Server side of the command centre: today's picture is in the first HTML, live updates follow by socket. */
export async function CommandCentrePage({
  wilayah,
  actor,
  me,
  focusIncident = null,
}: {
  wilayah: string;
  actor: Actor;
  me: Me;
  /** An incident of the view to centre the map on and open (an unknown one is ignored). */
  focusIncident?: string | null;
}) {
  const { db, env, now } = getAppContext();
  let target: CommandCentreTarget;
  try {
    target = commandCentreTarget(actor, wilayah);
  } catch (error) {
    // A province outside the person's scope is, for them, not there.
    if (error instanceof DomainError && error.code === 'FORBIDDEN') notFound();
    throw error;
  }
  const data = await loadCommandCentre(db, actor, target, now());
  if (!data) notFound();
  const readiness = target.kind === 'province' ? await provinceReadiness(db, target.provinceCode) : null;
  const readinessHref =
    actor.role === 'admin' && target.kind === 'province'
      ? `/posko/kesiapan?provinsi=${target.provinceCode}`
      : actor.role === 'coordinator'
        ? '/posko/kesiapan'
        : undefined;
  return (
    <CommandCentre
      data={data}
      readiness={readiness}
      readinessHref={readinessHref}
      canDispatch={actor.role === 'admin' || actor.role === 'coordinator'}
      focusIncident={
        focusIncident && data.live.incidents.some((item) => item.id === focusIncident) ? focusIncident : null
      }
      userMenu={<UserMenu me={me} />}
      tileUrl={env.TILE_URL}
      tileAttribution={env.TILE_ATTRIBUTION}
    />
  );
}
