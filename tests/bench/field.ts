/**
 * `npm run bench:field`: how light the volunteer's page is on a phone with a weak signal, beside the
 * coordinator's map page in the same run. Not a test.
 *
 * The production server runs with the demo data; a coordinator sends a Kapuas Tagana member an offer.
 * Each page is then opened in a fresh Chromium context (no cache, no service worker yet) under "Slow 3G"
 * (Network.emulateNetworkConditions: 400 kbit/s down and up, 400 ms round trip). From CDP's
 * Network.loadingFinished it adds up encodedDataLength (bytes on the wire, compressed, with headers) of
 * the scripts and of everything, until the network has been quiet for two seconds (and fetches the same
 * scripts again as Brotli, which Chromium asks for only over HTTPS); and it notes the time
 * from navigation until the offer (volunteer) or the map's counts (coordinator) are visible. It also reads
 * every script the page loaded and says whether Leaflet was among them.
 *
 * When a tap first counts (`offerActionableSlow3gMs`): for each run a fresh request reaches the same
 * volunteer, /tugas opens under Slow 3G with the CPU slowed 4× (Emulation.setCPUThrottlingRate), and
 * "Terima" is tapped the moment it is in the HTML, before any script has run (a plain form post then);
 * the time runs from navigation until the server has recorded the accept. The coordinator then calls
 * the assignment off, so the next run starts from a volunteer on standby again.
 *
 * Then a roll call's reach: three Tagana members (Kapuas, Pulang Pisau, Palangka Raya) accept a second
 * request and keep /tugas open (no throttling); `--rollcalls` times the coordinator calls a roll for that
 * request (POST /api/roll-calls) and it notes the time from the call until the roll call's card with its
 * answer buttons is on all three pages, and on each.
 * Prints a table and writes tests/bench/results/field.json.
 */
import type { Browser, Page } from 'playwright-core';
import type { AssignmentAnswer } from '../../lib/dispatch';
import type { Ack } from '../../lib/realtime';
import { signInDemo } from '../support/accounts';
import { launchChromium, PHONE_VIEWPORT } from '../support/browser';
import buildForProduction from '../support/global-build';
import { connectClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';
import { benchOptions, median, timings, writeResults } from './support';

const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};
const QUIET_MS = 2_000;
/** A slow phone: Chromium's CPU throttling rate while the tap is timed. */
const CPU_SLOWDOWN = 4;

const option = benchOptions(
  'Usage: npm run bench:field -- [--runs 3] [--rollcalls 10] [--out tests/bench/results/field.json]',
  { runs: '3', rollcalls: '10', out: 'tests/bench/results/field.json' },
);
const runs = option.whole('runs', 1);
const rollCalls = option.whole('rollcalls', 1);
const out = option.file('out');

interface PageLoad {
  /** Script bytes on the wire (compressed as served, headers included). */
  jsGzipBytes: number;
  /**
   * The same scripts' bodies as Brotli, as Posko serves them to a browser that asks for it. Chromium asks
   * for Brotli only over HTTPS (a phone reaching Posko through its TLS proxy), not on this plain-HTTP run.
   */
  jsBrotliBytes: number;
  transferBytes: number;
  offerVisibleSlow3gMs: number;
  requests: number;
  scripts: number;
  leafletLoaded: boolean;
}

/** A fresh 360 px phone signed in with `cookie`, no cache, on Slow 3G. */
async function slowPhone(browser: Browser, baseUrl: string, cookie: string) {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  return { context, page, cdp };
}

async function measure(
  browser: Browser,
  baseUrl: string,
  cookie: string,
  route: string,
  visible: string,
): Promise<PageLoad> {
  const { context, page, cdp } = await slowPhone(browser, baseUrl, cookie);

  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const finished: { requestId: string; bytes: number }[] = [];
  let lastActivity = Date.now();
  cdp.on('Network.responseReceived', (event: { requestId: string; type: string; response: { url: string } }) => {
    types.set(event.requestId, event.type);
    urls.set(event.requestId, event.response.url);
    lastActivity = Date.now();
  });
  cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
    finished.push({ requestId: event.requestId, bytes: event.encodedDataLength });
    lastActivity = Date.now();
  });

  const started = Date.now();
  await page.goto(`${baseUrl}${route}`, { waitUntil: 'commit' });
  await page.locator(visible).first().waitFor({ state: 'visible', timeout: 120_000 });
  const visibleMs = Date.now() - started;
  while (Date.now() - lastActivity < QUIET_MS) await page.waitForTimeout(200);

  const scripts = finished.filter((entry) => types.get(entry.requestId) === 'Script');
  let jsBrotliBytes = 0;
  for (const script of scripts) {
    const response = await fetch(urls.get(script.requestId)!, { headers: { 'accept-encoding': 'br' } });
    if (response.headers.get('content-encoding') !== 'br') throw new Error(`${response.url} is not served as Brotli`);
    jsBrotliBytes += Number(response.headers.get('content-length'));
    await response.arrayBuffer();
  }
  let leafletLoaded = false;
  for (const script of scripts) {
    const body = (await cdp.send('Network.getResponseBody', { requestId: script.requestId }).catch(() => null)) as {
      body: string;
    } | null;
    if (body?.body.includes('leafletjs.com')) leafletLoaded = true;
  }
  await context.close();
  return {
    jsGzipBytes: scripts.reduce((sum, entry) => sum + entry.bytes, 0),
    jsBrotliBytes,
    transferBytes: finished.reduce((sum, entry) => sum + entry.bytes, 0),
    offerVisibleSlow3gMs: visibleMs,
    requests: finished.length,
    scripts: scripts.length,
    leafletLoaded,
  };
}

/** From navigation until the server recorded a tap on "Terima" made as soon as the button was in the HTML. */
async function actionable(
  browser: Browser,
  baseUrl: string,
  cookie: string,
  meetingPoint: string,
  accepted: () => Promise<boolean>,
): Promise<number> {
  const { context, page, cdp } = await slowPhone(browser, baseUrl, cookie);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

  const started = Date.now();
  await page.goto(`${baseUrl}/tugas`, { waitUntil: 'commit' });
  const accept = page
    .locator(`[data-testid="offer"]:has-text("${meetingPoint}")`)
    .getByRole('button', { name: 'Terima' });
  await accept.waitFor({ state: 'attached', timeout: 120_000 });
  await accept.click({ timeout: 120_000 });
  while (!(await accepted())) {
    if (Date.now() - started > 120_000) throw new Error('The tap on "Terima" never reached the server.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const ms = Date.now() - started;
  await context.close();
  return ms;
}

/** The roll call's card with its answer buttons, as the phone shows a call not answered yet. */
const rollCallCard = (page: Page, id: string) =>
  page.locator(`[data-testid="rollcall"][data-rollcall="${id}"]`).getByRole('button').first();

async function rollCallReach(
  browser: Browser,
  baseUrl: string,
  coordinator: string,
  output: string,
  incidentId: string,
): Promise<{ allPhones: ReturnType<typeof timings>; eachPhone: ReturnType<typeof timings>; runsMs: number[] }> {
  const call = async <T>(cookie: string, route: string, body: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${route}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const logins = [/Tagana Kapuas \(ketua regu\)/, /Tagana Pulang Pisau/, /Tagana Kota Palangka Raya/].map(
    (place) => new RegExp(`Relawan\\s+(0\\d+)\\s+.+? — ${place.source}`).exec(output)![1]!,
  );
  const cookies = await Promise.all(logins.map((login) => signInDemo(baseUrl, login)));
  const { request } = await call<{ request: { id: string } }>(coordinator, '/api/requests', {
    incidentId,
    slots: 3,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: ['62.03', '62.11', '62.71'],
    meetingPoint: 'Posko apel uji beban',
    deadline: new Date(Date.now() + 6 * 3_600_000).toISOString(),
  });
  const pages: Page[] = [];
  for (const cookie of cookies) {
    const mine = await call<{ assignment: { id: string }; request: { id: string } }[]>(
      cookie,
      '/api/assignments',
      undefined,
    );
    const offer = mine.find((item) => item.request.id === request.id)!;
    const client = await connectClient(baseUrl, { cookie });
    const ack = (await client
      .timeout(10_000)
      .emitWithAck('offer:accept', { assignmentId: offer.assignment.id })) as Ack<AssignmentAnswer>;
    client.disconnect();
    if (!ack.ok) throw new Error(`accept: ${ack.error}`);
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/tugas`);
    await page.locator('[data-testid="connection"]:has-text("Terhubung")').waitFor({ timeout: 60_000 });
    pages.push(page);
  }
  const all: number[] = [];
  const each: number[] = [];
  for (let run = 0; run < rollCalls; run += 1) {
    const started = Date.now();
    const { id } = await call<{ id: string }>(coordinator, '/api/roll-calls', { requestId: request.id });
    const arrivals = await Promise.all(
      pages.map(async (page) => {
        await rollCallCard(page, id).waitFor({ timeout: 30_000 });
        return Date.now() - started;
      }),
    );
    each.push(...arrivals);
    all.push(Math.max(...arrivals));
  }
  for (const page of pages) await page.context().close();
  return { allPhones: timings(all), eachPhone: timings(each), runsMs: all };
}

async function main(): Promise<void> {
  buildForProduction();
  let posko: PoskoProcess | undefined;
  let browser: Browser | undefined;
  try {
    [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
    const baseUrl = posko.url;
    const chromium = browser;
    const memberLogin = /Relawan\s+(0\d+)\s+.*Tagana Kapuas\n/.exec(posko.output())![1]!;
    const [member, coordinator] = await Promise.all([
      signInDemo(posko.url, memberLogin),
      signInDemo(posko.url, 'koord.kalteng'),
    ]);
    const post = async <T>(route: string, body: unknown): Promise<T> => {
      const response = await fetch(`${baseUrl}${route}`, {
        method: 'POST',
        headers: { cookie: coordinator, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const incident = await post<{ id: string }>('/api/incidents', { type: 'flood', severity: 4, regencyCode: '62.03' });
    const meetingPoint = 'Dermaga Kuala Kapuas (uji beban halaman)';
    await post('/api/requests', {
      incidentId: incident.id,
      slots: 2,
      pillarCodes: ['tagana'],
      sourceRegencyCodes: ['62.03'],
      meetingPoint,
      deadline: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    });

    const pages = {
      volunteerPage: { cookie: member, route: '/tugas', visible: `[data-testid="offer"]:has-text("${meetingPoint}")` },
      coordinatorPage: { cookie: coordinator, route: '/posko', visible: '.leaflet-container [data-regency="62.03"]' },
    };
    const result: Record<string, PageLoad & { runsMs: number[] }> = {};
    for (const [key, spec] of Object.entries(pages)) {
      const loads: PageLoad[] = [];
      for (let run = 0; run < runs; run += 1) {
        loads.push(await measure(chromium, baseUrl, spec.cookie, spec.route, spec.visible));
      }
      const last = loads.at(-1)!;
      result[key] = {
        ...last,
        jsGzipBytes: median(loads.map((load) => load.jsGzipBytes)),
        jsBrotliBytes: median(loads.map((load) => load.jsBrotliBytes)),
        transferBytes: median(loads.map((load) => load.transferBytes)),
        offerVisibleSlow3gMs: median(loads.map((load) => load.offerVisibleSlow3gMs)),
        runsMs: loads.map((load) => load.offerVisibleSlow3gMs),
      };
    }

    const get = async <T>(route: string): Promise<T> => {
      const response = await fetch(`${baseUrl}${route}`, { headers: { cookie: coordinator } });
      if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const actionableRuns: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const tapPoint = `Posko Kuala Kapuas, ketukan ${run + 1}`;
      const { request } = await post<{ request: { id: string } }>('/api/requests', {
        incidentId: incident.id,
        slots: 1,
        pillarCodes: ['tagana'],
        sourceRegencyCodes: ['62.03'],
        meetingPoint: tapPoint,
        deadline: new Date(Date.now() + 6 * 3_600_000).toISOString(),
      });
      type Progress = { counts: Record<string, number>; volunteers: { assignmentId: string; status: string }[] };
      const progress = () => get<Progress>(`/api/requests/${request.id}`);
      actionableRuns.push(
        await actionable(
          chromium,
          baseUrl,
          member,
          tapPoint,
          async () => ((await progress()).counts.accepted ?? 0) > 0,
        ),
      );
      const taken = (await progress()).volunteers.find((volunteer) => volunteer.status === 'accepted')!;
      await post(`/api/assignments/${taken.assignmentId}/cancel`, {});
    }
    const volunteerPage = {
      ...result.volunteerPage!,
      offerActionableSlow3gMs: median(actionableRuns),
      actionableRunsMs: actionableRuns,
    };
    result.volunteerPage = volunteerPage;

    const rollCall = await rollCallReach(chromium, baseUrl, coordinator, posko.output(), incident.id);

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log(`\nFirst load under Slow 3G (400 kbit/s, 400 ms RTT), median of ${runs}:`);
    console.log(
      'page              JS (wire)  JS (Brotli)   total (wire)  requests  visible after  tap counts after  Leaflet',
    );
    const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
    for (const [key, load] of Object.entries(result)) {
      const tap = key === 'volunteerPage' ? volunteerPage.offerActionableSlow3gMs : undefined;
      console.log(
        `${key.padEnd(17)} ${kb(load.jsGzipBytes).padStart(10)} ${kb(load.jsBrotliBytes).padStart(12)} ${kb(load.transferBytes).padStart(13)} ${String(load.requests).padStart(9)} ${seconds(load.offerVisibleSlow3gMs).padStart(14)} ${seconds(tap).padStart(17)}  ${load.leafletLoaded ? 'yes' : 'no'}`,
      );
    }
    console.log(`(tap: Slow 3G and the CPU slowed ${CPU_SLOWDOWN}×, "Terima" tapped as soon as it is in the HTML)`);
    console.log(
      '(JS on the wire is gzip with headers: Chromium asks for Brotli only over HTTPS; JS (Brotli) is the same ' +
        `scripts' bodies as a phone behind TLS gets them; goal for /tugas ≤ 150 KB: ${volunteerPage.jsBrotliBytes <= 150 * 1024 ? 'met' : 'not met'})`,
    );
    console.log(
      `\nRoll call from the POST to its card on all three phones, ${rollCalls} calls: p50 ${rollCall.allPhones.p50Ms} ms, p95 ${rollCall.allPhones.p95Ms} ms, max ${rollCall.allPhones.maxMs} ms (each phone p50 ${rollCall.eachPhone.p50Ms} ms)`,
    );
    const output = {
      measuredAt: new Date().toISOString(),
      network: { name: 'Slow 3G', downloadKbps: 400, uploadKbps: 400, rttMs: 400 },
      cpuSlowdownForTap: CPU_SLOWDOWN,
      runs,
      visibleMeans: {
        volunteerPage: 'the offer sent to this volunteer is visible',
        offerActionableSlow3gMs: `from navigation until the server recorded a tap on "Terima" made as soon as it was in the HTML (Slow 3G, CPU ${CPU_SLOWDOWN}× slower)`,
        coordinatorPage: "the map shows Kabupaten Kapuas' count",
        rollCall: "from POST /api/roll-calls until the roll call's answer buttons are on the phones' /tugas",
      },
      ...result,
      rollCall: { calls: rollCalls, phones: 3, ...rollCall },
    };
    console.log(`\nWritten to ${writeResults(out, output)}`);
  } finally {
    await browser?.close();
    await posko?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
