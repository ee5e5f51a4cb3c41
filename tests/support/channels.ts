import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../db/client';
import { assignments, channelMessages, volunteers, type Volunteer } from '../../db/schema';
import { startPosko, type RunningPosko } from '../../server/app';
import { parseEnv } from '../../server/env';
import { acceptOffer } from '../../server/deployments/accept-offer';
import { reportStatus } from '../../server/deployments/report-status';
import { requestDeployment } from '../../server/deployments/request-deployment';
import { getAppContext } from '../../server/context';
import { openTestDatabase } from './database';
import { actors, addIncident, inHours, uniqueSkill } from './dispatch';

/** One request a provider's stand-in received from Posko. */
export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface StandIn {
  url: string;
  received: Recorded[];
  /** Answers the next `n` requests with `status` instead of success. */
  failNext(n: number, status?: number): void;
  /** Resolves once `n` requests arrived (or rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<Recorded[]>;
  close(): Promise<void>;
}

/**
 * A provider on 127.0.0.1 that records what Posko sends and answers as the provider does:
 * `answer(recorded)` gives the JSON body of a successful reply.
 */
export async function startStandIn(answer: (recorded: Recorded) => unknown = () => ({})): Promise<StandIn> {
  const received: Recorded[] = [];
  let failing = 0;
  let failStatus = 503;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(recorded);
      if (failing > 0) {
        failing--;
        res.writeHead(failStatus, { 'content-type': 'application/json' }).end('{"error":"busy"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(recorded)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    failNext(n, status = 503) {
      failing = n;
      failStatus = status;
    },
    async waitFor(n, ms = 10_000) {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until)
          throw new Error(`the stand-in got ${received.length} requests, not ${n}, within ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The real server (HTTP and Socket.IO; route handlers are called in-process) with channel settings. */
export async function startChannelServer(
  env: Record<string, string>,
): Promise<RunningPosko & { handle: DatabaseHandle }> {
  const handle = await openTestDatabase('reference');
  const parsed = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    POSKO_SMS_RATE_PER_MINUTE: '6000',
    POSKO_SMS_RETRY_SECONDS: '0.05',
    ...env,
  });
  const posko = await startPosko(parsed, { pages: false, database: handle, log: () => {} });
  return { ...posko, handle };
}

let counter = 0;

/** A volunteer with a real-looking mobile number (the texts go to it and come from it). */
export async function addTextingVolunteer(
  db: Executor,
  regencyCode = '62.03',
  skills: string[] = [],
): Promise<Volunteer> {
  counter += 1;
  const phone = `+628999${String(process.pid % 1000).padStart(3, '0')}${String(counter).padStart(4, '0')}`;
  const [volunteer] = await db
    .insert(volunteers)
    .values({ name: `Relawan SMS ${counter}`, phone, pillarCode: 'tagana', regencyCode, skills })
    .returning();
  return volunteer!;
}

/** A request of one place in Kalimantan Tengah offered to exactly these volunteers (they share a fresh skill). */
export async function offerTo(handle: DatabaseHandle, count: number, slots = 1) {
  const skill = uniqueSkill();
  const crew: Volunteer[] = [];
  for (let i = 0; i < count; i++) crew.push(await addTextingVolunteer(handle.db, '62.03', [skill]));
  const incident = await addIncident(handle, '62.06', { title: 'Banjir Katingan' });
  const { request } = await requestDeployment({
    ctx: { ...getAppContext(), actor: actors.coordinator('62') },
    input: {
      incidentId: incident.id,
      slots,
      pillarCodes: ['tagana'],
      skill,
      sourceRegencyCodes: ['62.03'],
      meetingPoint: 'Kantor Dinsos Kapuas',
      deadline: inHours(4).toISOString(),
    },
  });
  const offers = await handle.db.select().from(assignments).where(eq(assignments.requestId, request.id));
  return { incident, request, crew, offers };
}

/** The texts queued for a volunteer, oldest first. */
export async function textsTo(db: Executor, volunteerId: string) {
  const rows = await db.select().from(channelMessages).where(eq(channelMessages.volunteerId, volunteerId));
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Waits until `check` holds (the queue works in the background). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A volunteer with a real-looking number on site for a flood in Katingan (checked in every 2 hours, 30
 * minutes' grace), through the same verbs as the phone page, on the running server's context.
 */
export async function putOnSite(handle: DatabaseHandle, regencyCode = '62.03', volunteer?: Volunteer) {
  const skill = uniqueSkill();
  const member = volunteer ?? (await addTextingVolunteer(handle.db, regencyCode, [skill]));
  if (volunteer)
    await handle.db
      .update(volunteers)
      .set({ skills: [skill] })
      .where(eq(volunteers.id, volunteer.id));
  const incident = await addIncident(handle, '62.06', { title: 'Banjir Katingan' });
  const { request } = await requestDeployment({
    ctx: { ...getAppContext(), actor: actors.coordinator('62') },
    input: {
      incidentId: incident.id,
      slots: 1,
      pillarCodes: ['tagana'],
      skill,
      sourceRegencyCodes: [regencyCode],
      meetingPoint: 'Dermaga Kasongan',
      deadline: inHours(4).toISOString(),
    },
  });
  const [offer] = await handle.db.select().from(assignments).where(eq(assignments.requestId, request.id));
  const phone = { ...getAppContext(), actor: actors.volunteer(member) };
  await acceptOffer({ ctx: phone, input: { assignmentId: offer!.id } });
  await reportStatus({ ctx: phone, input: { assignmentId: offer!.id, from: 'accepted', status: 'en_route' } });
  await reportStatus({ ctx: phone, input: { assignmentId: offer!.id, from: 'en_route', status: 'on_site' } });
  return { volunteer: member, assignmentId: offer!.id, incident, request };
}
