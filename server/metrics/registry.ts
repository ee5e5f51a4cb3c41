import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the scrape reads at that moment (the database's pool, the queues); set once the server runs. */
export interface ScrapeSources {
  /** Connections of the database's pool by state. */
  pool(): { driver: string; total: number; idle?: number; waiting?: number };
  /** Texts waiting in the SMS/WhatsApp queue, per channel. */
  textsQueued(): Promise<{ channel: string; count: number }[]>;
  /** Batches of Web Push notifications handed over and not yet sent. */
  pushPending(): number;
  /** Whether this process runs the timed work (always, alone; one of them, in a cluster). */
  keepsTime?(): boolean;
}

export interface PoskoMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  socketCommands: Counter<'command' | 'outcome'>;
  socketDuration: Histogram<'command' | 'outcome'>;
  connectedSockets: Gauge;
  publishLag: Histogram;
  /** When each committed event's transaction committed (performance.now()), until it is emitted. */
  committedAt: WeakMap<object, number>;
  sources?: ScrapeSources;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LAG_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

function createMetrics(): PoskoMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'posko_' });
  const metrics: PoskoMetrics = {
    registry,
    committedAt: new WeakMap(),
    httpRequests: new Counter({
      name: 'posko_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status class (2xx, 4xx, 5xx…).',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'posko_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method, route pattern and status class.',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    socketCommands: new Counter({
      name: 'posko_socket_commands_total',
      help: 'Socket commands acknowledged, by command and outcome (ok, or the refusal code: INVALID, CONFLICT, UNAVAILABLE…).',
      labelNames: ['command', 'outcome'],
      registers: [registry],
    }),
    socketDuration: new Histogram({
      name: 'posko_socket_command_duration_seconds',
      help: 'Time from a socket command arriving to its acknowledgement, by command and outcome.',
      labelNames: ['command', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    connectedSockets: new Gauge({
      name: 'posko_connected_sockets',
      help: 'Sockets connected to this process now (pages and phones that passed the handshake).',
      registers: [registry],
    }),
    publishLag: new Histogram({
      name: 'posko_publish_lag_seconds',
      help: "Time from an event's transaction committing to its emission to the sockets of this process.",
      buckets: LAG_BUCKETS,
      registers: [registry],
    }),
  };
  new Gauge({
    name: 'posko_db_pool_connections',
    help: 'Database connections by state (total, idle, waiting = requests waiting for one). The embedded PGlite has one in-process connection: total 1, and no idle or waiting series.',
    labelNames: ['driver', 'state'],
    registers: [registry],
    collect() {
      const pool = metrics.sources?.pool();
      this.reset();
      if (!pool) return;
      this.set({ driver: pool.driver, state: 'total' }, pool.total);
      if (pool.idle !== undefined) this.set({ driver: pool.driver, state: 'idle' }, pool.idle);
      if (pool.waiting !== undefined) this.set({ driver: pool.driver, state: 'waiting' }, pool.waiting);
    },
  });
  new Gauge({
    name: 'posko_texts_queued',
    help: 'Texts (SMS, WhatsApp) waiting in the send queue, per channel, read from the database at scrape time.',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      const queued = (await metrics.sources?.textsQueued()) ?? [];
      this.reset();
      for (const { channel, count } of queued) this.set({ channel }, count);
    },
  });
  new Gauge({
    name: 'posko_push_pending_batches',
    help: 'Batches of Web Push notifications handed to the sender and not yet sent.',
    registers: [registry],
    collect() {
      this.set(metrics.sources?.pushPending() ?? 0);
    },
  });
  new Gauge({
    name: 'posko_keeps_time',
    help: 'Whether this process runs the timed work (deadlines, overdue check-ins, reminders, retention): 1 on one process of a cluster at a time, 1 on a process alone.',
    registers: [registry],
    collect() {
      this.set(metrics.sources?.keepsTime?.() ? 1 : 0);
    },
  });
  return metrics;
}

// One registry per process, kept across hot reloads and shared by the custom server and Next's bundle
// of the metrics route (both meet on globalThis).
const globalForMetrics = globalThis as typeof globalThis & { __poskoMetrics?: PoskoMetrics };

export function poskoMetrics(): PoskoMetrics {
  return (globalForMetrics.__poskoMetrics ??= createMetrics());
}

/** Seconds since `start` (a performance.now() reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** `404` → `4xx`: a bounded label, as dashboards group answers. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/** Notes when events committed, for the publish-lag histogram. */
export function markCommitted(events: readonly object[]): void {
  const { committedAt } = poskoMetrics();
  const now = performance.now();
  for (const event of events) committedAt.set(event, now);
}

/** Observes the time since the event committed, once it has been emitted to this process's sockets. */
export function observePublished(event: object): void {
  const metrics = poskoMetrics();
  const committed = metrics.committedAt.get(event);
  if (committed === undefined) return;
  metrics.committedAt.delete(event);
  metrics.publishLag.observe(secondsSince(committed));
}
