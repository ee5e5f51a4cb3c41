import { z } from 'zod';
import { PROVINCE_CODE } from './domain';
import { OBJECT_ERROR, id, pillarCode, regencyCode, text, uniqueList } from './fields';

/**
 * Named regu: teams of about 5–15 volunteers of one kabupaten/kota with a ketua regu, kept in the roster
 * and addressed by requests and messages. Inputs and event types, shared by the server and the pages.
 */

/** Scope: the regu's province and kabupaten/kota; member events also name the volunteer. */
export const TEAM_EVENTS = {
  created: 'team.created',
  updated: 'team.updated',
  disbanded: 'team.disbanded',
  memberAdded: 'team.member_added',
  memberRemoved: 'team.member_removed',
} as const;
export type TeamEventType = (typeof TEAM_EVENTS)[keyof typeof TEAM_EVENTS];

/** A regu's size the roster suggests; more or fewer are allowed, only shown. */
export const TEAM_SIZE = { min: 5, max: 15 } as const;
/** A regu holds at most this many: beyond, it is a company, not a team. */
export const TEAM_MEMBERS_MAX = 50;

const teamName = text('Nama regu', 80, { min: 2, minError: 'Nama regu paling sedikit 2 huruf.' });

export const CreateTeam = z.object(
  {
    name: teamName,
    regencyCode,
    pillarCode: pillarCode.optional(),
    /** The first members; the ketua regu must be one of them. */
    memberIds: uniqueList(id('memberIds'), 'anggota', TEAM_MEMBERS_MAX).optional(),
    leaderVolunteerId: id('leaderVolunteerId').optional(),
  },
  OBJECT_ERROR,
);
export type CreateTeam = z.infer<typeof CreateTeam>;

/** Only the fields sent change; a null leader leaves the regu without a ketua. */
export const UpdateTeam = z
  .object(
    {
      teamId: id('teamId'),
      name: teamName.optional(),
      leaderVolunteerId: id('leaderVolunteerId').nullable().optional(),
    },
    OBJECT_ERROR,
  )
  .refine((input) => input.name !== undefined || input.leaderVolunteerId !== undefined, {
    error: 'Ubah nama regu atau ketua regu.',
    path: ['name'],
  });
export type UpdateTeam = z.infer<typeof UpdateTeam>;

export const TeamRef = z.object({ teamId: id('teamId') }, OBJECT_ERROR);
export type TeamRef = z.infer<typeof TeamRef>;

export const TeamMember = z.object({ teamId: id('teamId'), volunteerId: id('volunteerId') }, OBJECT_ERROR);
export type TeamMember = z.infer<typeof TeamMember>;

export const ListTeams = z.object(
  {
    provinceCode: z
      .string({ error: 'Sebutkan provinsi: kode dua angka, mis. "62".' })
      .regex(PROVINCE_CODE, { error: 'Kode provinsi harus dua angka, mis. "62".' }),
    regencyCode: regencyCode.optional(),
  },
  OBJECT_ERROR,
);
export type ListTeams = z.infer<typeof ListTeams>;

export interface TeamSummary {
  id: string;
  name: string;
  provinceCode: string;
  regencyCode: string;
  pillarCode: string | null;
  leader: { id: string; name: string } | null;
  members: { id: string; name: string; pillarCode: string; availability: string }[];
}
