import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { sendMessage } from '../../../server/messages/send-message';
import { addTeamMember } from '../../../server/teams/add-team-member';
import { createTeam } from '../../../server/teams/create-team';
import { disbandTeam } from '../../../server/teams/disband-team';
import { listTeams } from '../../../server/teams/queries';
import { removeTeamMember } from '../../../server/teams/remove-team-member';
import { updateTeam } from '../../../server/teams/update-team';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, addVolunteers, expectDomainError, volunteerRow } from '../../support/dispatch';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

describe('regu', () => {
  it('are named, led, renamed and disbanded by coordinators in scope; the ketua follows the regu', async () => {
    const people = await addVolunteers(handle.db, { regencyCode: '62.03', count: 7 });
    const ctx = actorContext(handle, actors.coordinator('62', '62.03'));
    const team = await createTeam({
      ctx,
      input: {
        name: 'Regu Tagana Kapuas 1',
        regencyCode: '62.03',
        pillarCode: 'tagana',
        memberIds: people.slice(0, 6).map((v) => v.id),
        leaderVolunteerId: people[0]!.id,
      },
    });
    expect((await volunteerRow(handle.db, people[0]!.id)).isTeamLeader).toBe(true);

    // Same name (any case) in the same kabupaten: refused.
    await expectDomainError(
      createTeam({ ctx, input: { name: 'regu tagana kapuas 1', regencyCode: '62.03' } }),
      'CONFLICT',
    );
    // A volunteer is in at most one regu.
    const other = await createTeam({ ctx, input: { name: 'Regu Tagana Kapuas 2', regencyCode: '62.03' } });
    await expectDomainError(
      addTeamMember({ ctx, input: { teamId: other.id, volunteerId: people[1]!.id } }),
      'CONFLICT',
    );
    expect((await addTeamMember({ ctx, input: { teamId: other.id, volunteerId: people[6]!.id } })).members).toBe(1);
    // Only people of the regu's kabupaten/kota.
    const [palangka] = await addVolunteers(handle.db, { regencyCode: '62.71', count: 1 });
    await expectDomainError(addTeamMember({ ctx, input: { teamId: other.id, volunteerId: palangka!.id } }), 'INVALID');

    // Scopes hold: another kabupaten's coordinator, another province's, a leader.
    for (const outsider of [actors.coordinator('62', '62.71'), actors.coordinator('32'), actors.leader('62')]) {
      await expectDomainError(
        updateTeam({ ctx: actorContext(handle, outsider), input: { teamId: team.id, name: 'Regu Lain' } }),
        'FORBIDDEN',
      );
      await expectDomainError(
        disbandTeam({ ctx: actorContext(handle, outsider), input: { teamId: team.id } }),
        'FORBIDDEN',
      );
    }

    // A new ketua: the flag moves with the regu.
    await updateTeam({ ctx, input: { teamId: team.id, name: 'Regu Sungai Kapuas', leaderVolunteerId: people[1]!.id } });
    expect((await volunteerRow(handle.db, people[0]!.id)).isTeamLeader).toBe(false);
    expect((await volunteerRow(handle.db, people[1]!.id)).isTeamLeader).toBe(true);
    await expectDomainError(
      updateTeam({ ctx, input: { teamId: team.id, leaderVolunteerId: people[6]!.id } }),
      'INVALID', // not a member
    );

    const listed = await listTeams({ ctx: actorContext(handle, actors.leader('62')), input: { provinceCode: '62' } });
    const shown = listed.teams.find((entry) => entry.id === team.id)!;
    expect([shown.name, shown.leader?.id, shown.members.length]).toEqual(['Regu Sungai Kapuas', people[1]!.id, 6]);
    await expectDomainError(
      listTeams({ ctx: actorContext(handle, actors.coordinator('32')), input: { provinceCode: '62' } }),
      'FORBIDDEN',
    );

    // A message to the regu reaches its members.
    const sent = await sendMessage({ ctx, input: { to: { teamId: team.id }, body: 'Kumpul di dermaga pukul 06.00.' } });
    expect(sent.recipients).toBe(6);

    // Taking out the ketua leaves the regu without one; disbanding frees the members.
    await removeTeamMember({ ctx, input: { teamId: team.id, volunteerId: people[1]!.id } });
    expect((await volunteerRow(handle.db, people[1]!.id)).isTeamLeader).toBe(false);
    await disbandTeam({ ctx, input: { teamId: team.id } });
    expect((await addTeamMember({ ctx, input: { teamId: other.id, volunteerId: people[2]!.id } })).members).toBe(2);
  });
});
