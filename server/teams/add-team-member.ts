import { count, eq } from 'drizzle-orm';
import { teamMembers } from '../../db/schema';
import { TEAM_EVENTS, TEAM_MEMBERS_MAX, TeamMember } from '../../lib/teams';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { checkNewMembers, lockTeam, requireTeamKeeper, teamEvent } from './access';

/** Adds a volunteer of the regu's kabupaten/kota who is in no regu yet. */
export async function addTeamMember({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ teamId: string; volunteerId: string; members: number }> {
  const data = parseInput(TeamMember, input);
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    requireTeamKeeper(ctx.actor);
    const team = await lockTeam(tx, data.teamId);
    requireCoordinatorFor(ctx.actor, team);
    await checkNewMembers(tx, team, [data.volunteerId]);
    const [size] = await tx.select({ n: count() }).from(teamMembers).where(eq(teamMembers.teamId, team.id));
    if ((size?.n ?? 0) >= TEAM_MEMBERS_MAX) {
      throw new DomainError('CONFLICT', `Satu regu paling banyak ${TEAM_MEMBERS_MAX} anggota; bentuk regu baru.`);
    }
    await tx.insert(teamMembers).values({ teamId: team.id, volunteerId: data.volunteerId, addedAt: now });
    return {
      result: { teamId: team.id, volunteerId: data.volunteerId, members: (size?.n ?? 0) + 1 },
      events: [teamEvent(team, TEAM_EVENTS.memberAdded, {}, data.volunteerId)],
    };
  });
}
