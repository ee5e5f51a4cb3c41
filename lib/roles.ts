/** Who signs in to Posko. Codes are English; labels are what people read. */
export const ROLES = ['admin', 'coordinator', 'leader', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  coordinator: 'Koordinator',
  leader: 'Pimpinan',
  volunteer: 'Relawan',
};

/** Where each role lands after signing in. */
export const HOME_PAGE: Record<Role, string> = {
  admin: '/posko',
  coordinator: '/posko',
  leader: '/pantau',
  volunteer: '/tugas',
};

/** A province, or one regency inside it. */
export interface Scope {
  provinceCode: string;
  /** Null: the whole province. */
  regencyCode: string | null;
}

/** Who is acting, as the server resolved it from the session; never taken from the client. */
export type Actor =
  | { role: 'admin'; userId: string; name: string }
  | { role: 'coordinator' | 'leader'; userId: string; name: string; scope: Scope }
  | {
      role: 'volunteer';
      userId: string;
      name: string;
      volunteerId: string;
      provinceCode: string;
      regencyCode: string;
      pillarCode: string;
      /** Ketua regu: sees the offers and members of the team (same regency and pillar). */
      isTeamLeader: boolean;
    };
