/**
 * The phones of the benchmarks that connect Socket.IO clients (bench:dispatch, bench:soak): volunteers
 * seeded with accounts and live sessions, a coordinator with an incident to ask for them, and the child
 * process (tests/bench/clients.ts) that connects them, so the server's event loop does not also decode
 * the clients' frames.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sessions, users, volunteers } from '../../db/schema';
import type { Database } from '../../db/client';
import type { DomainContext } from '../../server/context';
import type { Actor } from '../../server/auth/actor';
import { hashPassword } from '../../server/auth/passwords';
import { actorOf, hashToken, newToken, SESSION_COOKIE } from '../../server/auth/sessions';
import { createIncident } from '../../server/incidents/create-incident';
import type { ClientCommands, CommandName, PhoneSpec, ReplyMessage } from './protocol';

// ---- the client process ----

export interface ClientProcess {
  call<K extends CommandName>(name: K, input: ClientCommands[K]['input']): Promise<ClientCommands[K]['output']>;
  stop(): Promise<void>;
}

export function startClientProcess(): ClientProcess {
  // Inherits tsx's loader from this process's execArgv.
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'clients.ts'), [], { stdio: 'inherit' });
  const pending = new Map<number, { resolve: (output: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  child.on('message', (message: ReplyMessage) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.output);
    else waiting.reject(new Error(`client process: ${message.error}`));
  });
  child.on('exit', (code, signal) => {
    for (const waiting of pending.values()) {
      waiting.reject(new Error(`the client process ended (${signal ?? `exit code ${code}`})`));
    }
    pending.clear();
  });
  return {
    call(name, input) {
      return new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve: resolve as (output: unknown) => void, reject });
        child.send({ id, name, input });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

// ---- seeding (not timed) ----

/** One volunteer to seed: where, in which pillar, with which skills. */
export interface PhoneVolunteer {
  regencyCode: string;
  pillarCode: string;
  skills: string[];
}

export interface SeededPhone extends PhoneSpec {
  userId: string;
}

const ROWS_PER_INSERT = 1_000;

/**
 * Volunteers on standby, each with an account and a live session, written in batches straight to the
 * tables (one argon2 hash for every account: hashing 5,000 passwords would take minutes and nobody signs
 * in with them). The phones come back in the order of `roster`.
 */
export async function seedPhones(db: Database, roster: PhoneVolunteer[], passwordHash: string): Promise<SeededPhone[]> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 86_400_000);
  const phones: SeededPhone[] = [];
  for (let start = 0; start < roster.length; start += ROWS_PER_INSERT) {
    const batch = roster.slice(start, start + ROWS_PER_INSERT);
    const seeded = await db
      .insert(volunteers)
      .values(
        batch.map((volunteer, i) => ({
          name: `Relawan Uji Beban ${start + i + 1}`,
          // +62 899… (a mobile prefix), unique per volunteer: the table checks the format.
          phone: `+62899${String(start + i + 1).padStart(8, '0')}`,
          pillarCode: volunteer.pillarCode,
          regencyCode: volunteer.regencyCode,
          availability: 'available' as const,
          skills: volunteer.skills,
        })),
      )
      .returning({ id: volunteers.id, name: volunteers.name, phone: volunteers.phone });
    const accounts = await db
      .insert(users)
      .values(
        seeded.map((volunteer) => ({
          role: 'volunteer' as const,
          displayName: volunteer.name,
          phone: volunteer.phone,
          volunteerId: volunteer.id,
          passwordHash,
        })),
      )
      .returning({ id: users.id, volunteerId: users.volunteerId });
    const tokens = accounts.map(() => newToken());
    await db.insert(sessions).values(
      accounts.map((account, i) => ({
        tokenHash: hashToken(tokens[i]!),
        userId: account.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      })),
    );
    accounts.forEach((account, i) =>
      phones.push({
        volunteerId: account.volunteerId!,
        userId: account.id,
        cookie: `${SESSION_COOKIE}=${tokens[i]}`,
      }),
    );
  }
  return phones;
}

/** A throwaway password hash for seeded accounts nobody signs in with. */
export const seedPasswordHash = () => hashPassword(newToken());

/** A provincial coordinator and an incident in one of the province's kabupaten, made through the verb. */
export async function seedIncident(
  { db, publish }: Pick<DomainContext, 'db' | 'publish'>,
  place: { provinceCode: string; regencyCode: string; description: string },
  passwordHash: string,
): Promise<{ coordinator: Actor; incidentId: string }> {
  const [coordinatorUser] = await db
    .insert(users)
    .values({
      role: 'coordinator',
      displayName: 'Koordinator Uji Beban',
      username: `uji.beban.${place.provinceCode}`,
      provinceCode: place.provinceCode,
      passwordHash,
    })
    .returning();
  const coordinator = (await actorOf(db, coordinatorUser!))!;
  const incident = await createIncident({
    ctx: { db, now: () => new Date(), publish, actor: coordinator },
    input: { type: 'flood', severity: 4, regencyCode: place.regencyCode, description: place.description },
  });
  return { coordinator, incidentId: incident.id };
}
