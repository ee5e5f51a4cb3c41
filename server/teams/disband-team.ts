import { eq } from 'drizzle-orm';
import { teamMembers, teams } from '../../db/schema';
import { TEAM_EVENTS, TeamRef } from '../../lib/teams';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { lockTeam, requireTeamKeeper, setLeaderFlag, teamEvent } from './access';

/** Disbands a regu: its members stay on the roster, free to join another; its ketua is no longer one. */
export async function disbandTeam({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<{ id: string }> {
  const { teamId } = parseInput(TeamRef, input);
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    requireTeamKeeper(ctx.actor);
    const team = await lockTeam(tx, teamId);
    requireCoordinatorFor(ctx.actor, team);
    const members = await tx.delete(teamMembers).where(eq(teamMembers.teamId, team.id)).returning();
    await tx.delete(teams).where(eq(teams.id, team.id));
    await setLeaderFlag(tx, team.leaderVolunteerId, false, now);
    return {
      result: { id: team.id },
      events: [teamEvent(team, TEAM_EVENTS.disbanded, { name: team.name, members: members.length })],
    };
  });
}
