import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { teamMembers, teams, volunteers } from '../../db/schema';
import { ListTeams, type TeamSummary } from '../../lib/teams';
import { canViewProvince, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';

/** `GET /api/teams?provinceCode=62[&regencyCode=62.06]`: the regu staff of the province see, with members. */
export async function listTeams({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ teams: TeamSummary[] }> {
  const query = parseInput(ListTeams, input);
  if (ctx.actor.role === 'volunteer' || !canViewProvince(ctx.actor, query.provinceCode)) {
    throw new DomainError('FORBIDDEN', 'Regu provinsi ini hanya untuk petugas Dinas Sosial provinsi itu.');
  }
  const rows = await ctx.db
    .select()
    .from(teams)
    .where(
      and(
        eq(teams.provinceCode, query.provinceCode),
        query.regencyCode ? eq(teams.regencyCode, query.regencyCode) : undefined,
      ),
    )
    .orderBy(asc(teams.regencyCode), asc(teams.name));
  const members =
    rows.length === 0
      ? []
      : await ctx.db
          .select({
            teamId: teamMembers.teamId,
            id: volunteers.id,
            name: volunteers.name,
            pillarCode: volunteers.pillarCode,
            availability: volunteers.availability,
          })
          .from(teamMembers)
          .innerJoin(volunteers, eq(volunteers.id, teamMembers.volunteerId))
          .where(
            inArray(
              teamMembers.teamId,
              rows.map((team) => team.id),
            ),
          )
          .orderBy(asc(volunteers.name));
  return {
    teams: rows.map((team) => {
      const own = members.filter((member) => member.teamId === team.id).map(({ teamId: _, ...member }) => member);
      const leader = own.find((member) => member.id === team.leaderVolunteerId);
      return {
        id: team.id,
        name: team.name,
        provinceCode: team.provinceCode,
        regencyCode: team.regencyCode,
        pillarCode: team.pillarCode,
        leader: leader ? { id: leader.id, name: leader.name } : null,
        members: own,
      };
    }),
  };
}

/** The members of the regu a volunteer leads, or null when they lead none. */
export async function membersOfLedTeam(db: Executor, leaderVolunteerId: string): Promise<string[] | null> {
  const [team] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(eq(teams.leaderVolunteerId, leaderVolunteerId))
    .limit(1);
  if (!team) return null;
  const rows = await db
    .select({ volunteerId: teamMembers.volunteerId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, team.id));
  return rows.map((row) => row.volunteerId);
}
