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
import type reliability from '../../lib/messages/id/reliability.json';
import type channels from '../../lib/messages/id/channels.json';
import type operations from '../../lib/messages/id/operations.json';
import type situation from '../../lib/messages/id/situation.json';
import type contact from '../../lib/messages/id/contact.json';
import type privacy from '../../lib/messages/id/privacy.json';
import type apiTokens from '../../lib/messages/id/apiTokens.json';
import type notify from '../../lib/messages/id/notify.json';
import type waves from '../../lib/messages/id/waves.json';
import type photo from '../../lib/messages/id/photo.json';
import type relief from '../../lib/messages/id/relief.json';
import type phone from '../../lib/messages/id/phone.json';
import type provinces from '../../lib/messages/id/provinces.json';
import type help from '../../lib/messages/id/help.json';
import type teams from '../../lib/messages/id/teams.json';

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
      import('../../lib/messages/id/reliability.json'),
      import('../../lib/messages/id/channels.json'),
      import('../../lib/messages/id/operations.json'),
      import('../../lib/messages/id/situation.json'),
      import('../../lib/messages/id/contact.json'),
      import('../../lib/messages/id/privacy.json'),
      import('../../lib/messages/id/apiTokens.json'),
      import('../../lib/messages/id/notify.json'),
      import('../../lib/messages/id/waves.json'),
      import('../../lib/messages/id/photo.json'),
      import('../../lib/messages/id/relief.json'),
      import('../../lib/messages/id/phone.json'),
      import('../../lib/messages/id/provinces.json'),
      import('../../lib/messages/id/help.json'),
      import('../../lib/messages/id/teams.json'),
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
      import('../../lib/messages/en/reliability.json'),
      import('../../lib/messages/en/channels.json'),
      import('../../lib/messages/en/operations.json'),
      import('../../lib/messages/en/situation.json'),
      import('../../lib/messages/en/contact.json'),
      import('../../lib/messages/en/privacy.json'),
      import('../../lib/messages/en/apiTokens.json'),
      import('../../lib/messages/en/notify.json'),
      import('../../lib/messages/en/waves.json'),
      import('../../lib/messages/en/photo.json'),
      import('../../lib/messages/en/relief.json'),
      import('../../lib/messages/en/phone.json'),
      import('../../lib/messages/en/provinces.json'),
      import('../../lib/messages/en/help.json'),
      import('../../lib/messages/en/teams.json'),
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
  'reliability',
  'channels',
  'operations',
  'situation',
  'contact',
  'privacy',
  'apiTokens',
  'notify',
  'waves',
  'photo',
  'relief',
  'phone',
  'provinces',
  'help',
  'teams',
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
  /** What a page says while the server cannot reach its database. */
  reliability: typeof reliability;
  /** SMS and WhatsApp: the outbox, the province's channels, the volunteer's choice. */
  channels: typeof channels;
  /** During a deployment: safety check-ins. */
  operations: typeof operations;
  /** Rapid assessments, the incident's figures and situation reports. */
  situation: typeof situation;
  /** Roll calls and messages between the posko and the field. */
  contact: typeof contact;
  /** Personal data (UU PDP): the privacy page, consents, access records, erasure. */
  privacy: typeof privacy;
  /** API tokens for other agencies' systems. */
  apiTokens: typeof apiTokens;
  /** Check-in notices by Web Push (to the volunteer, the ketua regu and the coordinators). */
  notify: typeof notify;
  waves: typeof waves;
  /** Assessment photos and the incidents' figures on the command centre and the board. */
  photo: typeof photo;
  /** Shift ends, relief teams, hours on duty, back home. */
  relief: typeof relief;
  /** The phone page's plain form posts, before its scripts run. */
  phone: typeof phone;
  /** The province's own settings: the posko's number and the rest after a deployment. */
  provinces: typeof provinces;
  help: typeof help;
  teams: typeof teams;
};
