import type { Locale } from './config';
import type admin from '../../lib/messages/id/admin.json';
import type auth from '../../lib/messages/id/auth.json';
import type board from '../../lib/messages/id/board.json';
import type common from '../../lib/messages/id/common.json';
import type domain from '../../lib/messages/id/domain.json';
import type field from '../../lib/messages/id/field.json';
import type imports from '../../lib/messages/id/imports.json';
import type incidents from '../../lib/messages/id/incidents.json';
import type map from '../../lib/messages/id/map.json';
import type readiness from '../../lib/messages/id/readiness.json';
import type roster from '../../lib/messages/id/roster.json';
import type registry from '../../lib/messages/id/registry.json';
import type trainings from '../../lib/messages/id/trainings.json';
import type signups from '../../lib/messages/id/signups.json';
import type audit from '../../lib/messages/id/audit.json';

/**
 * One JSON file per area and language, so that each area's wording can change on its own. Every area is
 * listed here once; a key missing from English is caught by tests/lib/messages.test.ts.
 */
const loaders = {
  id: () =>
    Promise.all([
      import('../../lib/messages/id/common.json'),
      import('../../lib/messages/id/auth.json'),
      import('../../lib/messages/id/admin.json'),
      import('../../lib/messages/id/incidents.json'),
      import('../../lib/messages/id/map.json'),
      import('../../lib/messages/id/roster.json'),
      import('../../lib/messages/id/board.json'),
      import('../../lib/messages/id/field.json'),
      import('../../lib/messages/id/domain.json'),
      import('../../lib/messages/id/registry.json'),
      import('../../lib/messages/id/trainings.json'),
      import('../../lib/messages/id/readiness.json'),
      import('../../lib/messages/id/imports.json'),
      import('../../lib/messages/id/signups.json'),
      import('../../lib/messages/id/audit.json'),
    ]),
  en: () =>
    Promise.all([
      import('../../lib/messages/en/common.json'),
      import('../../lib/messages/en/auth.json'),
      import('../../lib/messages/en/admin.json'),
      import('../../lib/messages/en/incidents.json'),
      import('../../lib/messages/en/map.json'),
      import('../../lib/messages/en/roster.json'),
      import('../../lib/messages/en/board.json'),
      import('../../lib/messages/en/field.json'),
      import('../../lib/messages/en/domain.json'),
      import('../../lib/messages/en/registry.json'),
      import('../../lib/messages/en/trainings.json'),
      import('../../lib/messages/en/readiness.json'),
      import('../../lib/messages/en/imports.json'),
      import('../../lib/messages/en/signups.json'),
      import('../../lib/messages/en/audit.json'),
    ]),
} satisfies Record<Locale, () => Promise<unknown[]>>;

const NAMESPACES = [
  'common',
  'auth',
  'admin',
  'incidents',
  'map',
  'roster',
  'board',
  'field',
  'domain',
  'registry',
  'trainings',
  'readiness',
  'imports',
  'signups',
  'audit',
] as const;

export async function loadMessages(locale: Locale): Promise<Messages> {
  const files = await loaders[locale]();
  return Object.fromEntries(NAMESPACES.map((namespace, i) => [namespace, files[i]!.default])) as Messages;
}

/** The Indonesian wording is the reference: its shape types every `t('…')` call. */
export type Messages = {
  common: typeof common;
  auth: typeof auth;
  admin: typeof admin;
  incidents: typeof incidents;
  map: typeof map;
  roster: typeof roster;
  board: typeof board;
  field: typeof field;
  /** The domain's vocabularies (lib/domain.ts codes → words), shared by every page. */
  domain: typeof domain;
  /** Adding, correcting, moving and retiring volunteers. */
  registry: typeof registry;
  trainings: typeof trainings;
  readiness: typeof readiness;
  imports: typeof imports;
  signups: typeof signups;
  audit: typeof audit;
};
