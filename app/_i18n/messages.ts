import type { Locale } from './config';
import type admin from './messages/id/admin.json';
import type auth from './messages/id/auth.json';
import type board from './messages/id/board.json';
import type common from './messages/id/common.json';
import type domain from './messages/id/domain.json';
import type field from './messages/id/field.json';
import type incidents from './messages/id/incidents.json';
import type map from './messages/id/map.json';
import type roster from './messages/id/roster.json';

/**
 * One JSON file per area and language, so that each area's wording can change on its own. Every area is
 * listed here once; a key missing from English is caught by tests/lib/messages.test.ts.
 */
const loaders = {
  id: () =>
    Promise.all([
      import('./messages/id/common.json'),
      import('./messages/id/auth.json'),
      import('./messages/id/admin.json'),
      import('./messages/id/incidents.json'),
      import('./messages/id/map.json'),
      import('./messages/id/roster.json'),
      import('./messages/id/board.json'),
      import('./messages/id/field.json'),
      import('./messages/id/domain.json'),
    ]),
  en: () =>
    Promise.all([
      import('./messages/en/common.json'),
      import('./messages/en/auth.json'),
      import('./messages/en/admin.json'),
      import('./messages/en/incidents.json'),
      import('./messages/en/map.json'),
      import('./messages/en/roster.json'),
      import('./messages/en/board.json'),
      import('./messages/en/field.json'),
      import('./messages/en/domain.json'),
    ]),
} satisfies Record<Locale, () => Promise<unknown[]>>;

const NAMESPACES = ['common', 'auth', 'admin', 'incidents', 'map', 'roster', 'board', 'field', 'domain'] as const;

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
};
