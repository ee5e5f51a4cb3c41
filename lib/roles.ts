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
