import { teamMembers, teams, type Team } from '../../db/schema';
import { CreateTeam, TEAM_EVENTS } from '../../lib/teams';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { checkPillar } from './pillar';
import {
  assertNameFree,
  checkNewMembers,
  regencyProvince,
  requireTeamKeeper,
  setLeaderFlag,
  teamEvent,
} from './access';

/** A coordinator in scope names a regu of a kabupaten/kota, with its first members and ketua regu. */
export async function createTeam({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Team> {
  const data = parseInput(CreateTeam, input);
  requireTeamKeeper(ctx.actor);
  const memberIds = data.memberIds ?? [];
  if (data.leaderVolunteerId && !memberIds.includes(data.leaderVolunteerId)) {
    throw new DomainError('INVALID', 'Ketua regu harus salah satu anggota.', {
      leaderVolunteerId: ['Pilih ketua regu dari anggota regu.'],
    });
  }
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    const provinceCode = await regencyProvince(tx, data.regencyCode);
    requireCoordinatorFor(ctx.actor, { provinceCode, regencyCode: data.regencyCode });
    if (data.pillarCode) await checkPillar(tx, data.pillarCode, provinceCode);
    await assertNameFree(tx, data.regencyCode, data.name);
    await checkNewMembers(tx, { regencyCode: data.regencyCode }, memberIds);
    const [team] = await tx
      .insert(teams)
      .values({
        name: data.name,
        provinceCode,
        regencyCode: data.regencyCode,
        pillarCode: data.pillarCode ?? null,
        leaderVolunteerId: data.leaderVolunteerId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const created = team!;
    if (memberIds.length > 0) {
      await tx
        .insert(teamMembers)
        .values(memberIds.map((volunteerId) => ({ teamId: created.id, volunteerId, addedAt: now })));
    }
    await setLeaderFlag(tx, created.leaderVolunteerId, true, now);
    return {
      result: created,
      events: [
        teamEvent(created, TEAM_EVENTS.created, {
          name: created.name,
          pillarCode: created.pillarCode,
          leaderVolunteerId: created.leaderVolunteerId,
          members: memberIds.length,
        }),
        ...memberIds.map((volunteerId) => teamEvent(created, TEAM_EVENTS.memberAdded, {}, volunteerId)),
      ],
    };
  });
}
