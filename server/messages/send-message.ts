import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import {
  messageRecipients,
  messages,
  regencies,
  teamMembers,
  teams,
  volunteers,
  type NewEventRow,
} from '../../db/schema';
import { MESSAGE_EVENTS, SendMessage, type MessageAudience } from '../../lib/messaging';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import {
  deployedOnIncident,
  findRequestWithIncident,
  pendingOfRequest,
  teamOfRequest,
} from '../deployments/deployed-people';
import { DomainError, parseInput } from '../errors';
import { findIncident } from '../incidents/queries';
import { commitWithEvents } from '../events/commit';

export interface MessageSent {
  id: string;
  recipients: number;
}

interface Recipient {
  volunteerId: string;
  provinceCode: string;
  regencyCode: string;
  incidentId: string | null;
}

interface Addressed {
  audience: MessageAudience;
  provinceCode: string;
  regencyCode: string | null;
  incidentId: string | null;
  incidentTitle: string | null;
  requestId: string | null;
  people: Recipient[];
}

/** Hand-picked volunteers: each must exist, be active and lie in the coordinator's scope, all in one province. */
async function pickedVolunteers(tx: Transaction, ctx: ActorContext, ids: string[]): Promise<Addressed> {
  const rows = await tx
    .select({
      volunteerId: volunteers.id,
      provinceCode: regencies.provinceCode,
      regencyCode: volunteers.regencyCode,
      retiredAt: volunteers.retiredAt,
    })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(inArray(volunteers.id, ids));
  const found = new Map(rows.filter((row) => !row.retiredAt).map((row) => [row.volunteerId, row]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new DomainError('INVALID', 'Sebagian relawan yang dipilih tidak ditemukan atau sudah berhenti.', {
      'to.volunteerIds': missing.slice(0, 10).map((id) => `Relawan ${id} tidak ditemukan atau sudah berhenti.`),
    });
  }
  const people = ids.map((id) => found.get(id)!);
  for (const person of people) requireCoordinatorFor(ctx.actor, person);
  const provinces = new Set(people.map((person) => person.provinceCode));
  if (provinces.size > 1) {
    throw new DomainError('INVALID', 'Pilih relawan dari satu provinsi saja untuk satu pesan.', {
      'to.volunteerIds': ['Relawan yang dipilih berasal dari lebih dari satu provinsi.'],
    });
  }
  const regencyCodes = new Set(people.map((person) => person.regencyCode));
  return {
    audience: 'volunteers',
    provinceCode: people[0]!.provinceCode,
    regencyCode: regencyCodes.size === 1 ? people[0]!.regencyCode : null,
    incidentId: null,
    incidentTitle: null,
    requestId: null,
    people: people.map(({ volunteerId, provinceCode, regencyCode }) => ({
      volunteerId,
      provinceCode,
      regencyCode,
      incidentId: null,
    })),
  };
}

/** A named regu: its members, the regu in the coordinator's scope. */
async function teamMembersOf(tx: Transaction, ctx: ActorContext, teamId: string): Promise<Addressed> {
  const [team] = await tx.select().from(teams).where(eq(teams.id, teamId)).limit(1);
  if (!team) throw new DomainError('NOT_FOUND', 'Regu tidak ditemukan.');
  requireCoordinatorFor(ctx.actor, team);
  const people = await tx
    .select({ volunteerId: volunteers.id, regencyCode: volunteers.regencyCode })
    .from(teamMembers)
    .innerJoin(volunteers, eq(volunteers.id, teamMembers.volunteerId))
    .where(and(eq(teamMembers.teamId, team.id), isNull(volunteers.retiredAt)));
  return {
    audience: 'team',
    provinceCode: team.provinceCode,
    regencyCode: team.regencyCode,
    incidentId: null,
    incidentTitle: null,
    requestId: null,
    people: people.map((person) => ({ ...person, provinceCode: team.provinceCode, incidentId: null })),
  };
}

async function addressed(tx: Transaction, ctx: ActorContext, to: SendMessage['to']): Promise<Addressed> {
  if (to.volunteerIds) return pickedVolunteers(tx, ctx, to.volunteerIds);
  if (to.teamId) return teamMembersOf(tx, ctx, to.teamId);
  if (to.requestId) {
    const { request, incident } = await findRequestWithIncident(tx, to.requestId);
    requireCoordinatorFor(ctx.actor, incident);
    const people = to.pending ? await pendingOfRequest(tx, request.id) : await teamOfRequest(tx, request.id);
    return {
      audience: to.pending ? 'pending' : 'request',
      provinceCode: incident.provinceCode,
      regencyCode: incident.regencyCode,
      incidentId: incident.id,
      incidentTitle: incident.title,
      requestId: request.id,
      people,
    };
  }
  const incident = await findIncident(tx, to.incidentId!);
  requireCoordinatorFor(ctx.actor, incident);
  return {
    audience: 'incident',
    provinceCode: incident.provinceCode,
    regencyCode: incident.regencyCode,
    incidentId: incident.id,
    incidentTitle: incident.title,
    requestId: null,
    people: await deployedOnIncident(tx, incident.id),
  };
}

const NOBODY: Record<MessageAudience, string> = {
  request: 'Belum ada relawan yang menerima permintaan ini; pesan tidak punya penerima.',
  pending: 'Tidak ada tawaran yang belum dijawab; tidak ada yang perlu diingatkan.',
  incident: 'Belum ada relawan yang bertugas di kejadian ini; pesan tidak punya penerima.',
  volunteers: 'Pilih paling sedikit satu relawan.',
  team: 'Regu ini belum punya anggota; pesan tidak punya penerima.',
  posko: 'Pesan tidak punya penerima.',
};

/**
 * A coordinator writes to a request's team, those who have not answered its offers, an incident's
 * deployed people, or hand-picked volunteers in scope; each recipient gets a copy and one
 * `message.addressed` event (their phone's socket and Web Push).
 */
export async function sendMessage({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<MessageSent> {
  const { to, body } = parseInput(SendMessage, input);
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    const target = await addressed(tx, ctx, to);
    if (target.people.length === 0) throw new DomainError('CONFLICT', NOBODY[target.audience]);
    const [message] = await tx
      .insert(messages)
      .values({
        provinceCode: target.provinceCode,
        regencyCode: target.regencyCode,
        incidentId: target.incidentId,
        requestId: target.requestId,
        audience: target.audience,
        senderUserId: ctx.actor.userId,
        senderName: ctx.actor.name,
        body,
        createdAt: now,
      })
      .returning();
    await tx
      .insert(messageRecipients)
      .values(target.people.map((person) => ({ messageId: message!.id, volunteerId: person.volunteerId })));
    const events: NewEventRow[] = [
      {
        type: MESSAGE_EVENTS.sent,
        provinceCode: target.provinceCode,
        regencyCode: target.regencyCode,
        incidentId: target.incidentId,
        payload: {
          messageId: message!.id,
          audience: target.audience,
          recipients: target.people.length,
          body,
          ...(target.requestId ? { requestId: target.requestId } : {}),
        },
      },
      ...target.people.map((person) => ({
        type: MESSAGE_EVENTS.addressed,
        provinceCode: person.provinceCode,
        regencyCode: person.regencyCode,
        volunteerId: person.volunteerId,
        incidentId: target.incidentId,
        payload: {
          messageId: message!.id,
          body,
          senderName: ctx.actor.name,
          incidentTitle: target.incidentTitle,
          sentAt: now.toISOString(),
        },
      })),
    ];
    return { result: { id: message!.id, recipients: target.people.length }, events };
  });
}
