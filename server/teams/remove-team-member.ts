import { and, eq } from 'drizzle-orm';
import { teamMembers, teams } from '../../db/schema';
import { TEAM_EVENTS, TeamMember } from '../../lib/teams';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { lockTeam, requireTeamKeeper, setLeaderFlag, teamEvent } from './access';

/** Takes a volunteer out of the regu; taking out its ketua leaves the regu without one. */
export async function removeTeamMember({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ teamId: string; volunteerId: string }> {
  const data = parseInput(TeamMember, input);
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    requireTeamKeeper(ctx.actor);
    const team = await lockTeam(tx, data.teamId);
    requireCoordinatorFor(ctx.actor, team);
    const removed = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.volunteerId, data.volunteerId)))
      .returning();
    if (removed.length === 0) throw new DomainError('NOT_FOUND', 'Relawan ini bukan anggota regu.');
    if (team.leaderVolunteerId === data.volunteerId) {
      await tx.update(teams).set({ leaderVolunteerId: null, updatedAt: now }).where(eq(teams.id, team.id));
      await setLeaderFlag(tx, data.volunteerId, false, now);
    }
    return {
      result: { teamId: team.id, volunteerId: data.volunteerId },
      events: [teamEvent(team, TEAM_EVENTS.memberRemoved, {}, data.volunteerId)],
    };
  });
}
