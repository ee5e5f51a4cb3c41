import { and, eq } from 'drizzle-orm';
import { teamMembers, teams, type Team } from '../../db/schema';
import { TEAM_EVENTS, UpdateTeam } from '../../lib/teams';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { assertNameFree, lockTeam, requireTeamKeeper, setLeaderFlag, teamEvent } from './access';

/** Renames a regu or names its ketua regu (one of its members); the ketua's scope follows the regu. */
export async function updateTeam({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Team> {
  const data = parseInput(UpdateTeam, input);
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    requireTeamKeeper(ctx.actor);
    const team = await lockTeam(tx, data.teamId);
    requireCoordinatorFor(ctx.actor, team);
    if (data.name !== undefined) await assertNameFree(tx, team.regencyCode, data.name, team.id);
    if (data.leaderVolunteerId) {
      const [member] = await tx
        .select({ volunteerId: teamMembers.volunteerId })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.volunteerId, data.leaderVolunteerId)))
        .limit(1);
      if (!member) {
        throw new DomainError('INVALID', 'Ketua regu harus salah satu anggota.', {
          leaderVolunteerId: ['Tambahkan relawan ini ke regu dulu, lalu jadikan ketua.'],
        });
      }
    }
    const [updated] = await tx
      .update(teams)
      .set({
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.leaderVolunteerId !== undefined ? { leaderVolunteerId: data.leaderVolunteerId } : {}),
        updatedAt: now,
      })
      .where(eq(teams.id, team.id))
      .returning();
    if (data.leaderVolunteerId !== undefined && data.leaderVolunteerId !== team.leaderVolunteerId) {
      await setLeaderFlag(tx, team.leaderVolunteerId, false, now);
      await setLeaderFlag(tx, data.leaderVolunteerId, true, now);
    }
    return {
      result: updated!,
      events: [
        teamEvent(team, TEAM_EVENTS.updated, { name: updated!.name, leaderVolunteerId: updated!.leaderVolunteerId }),
      ],
    };
  });
}
