/**
 * `npm run bench:field`: how light the volunteer's page is on a phone with a weak signal, beside the
 * coordinator's map page in the same run. Not a test.
 *
 * The production server runs with the demo data; a coordinator sends a Kapuas Tagana member an offer.
 * Each page is then opened in a fresh Chromium context (no cache, no service worker yet) under "Slow 3G"
 * (Network.emulateNetworkConditions: 400 kbit/s down and up, 400 ms round trip). From CDP's
 * Network.loadingFinished it adds up encodedDataLength (bytes on the wire, compressed, with headers) of
 * the scripts and of everything, until the network has been quiet for two seconds; and it notes the time
 * from navigation until the offer (volunteer) or the map's counts (coordinator) are visible. It also reads
 * every script the page loaded and says whether Leaflet was among them.
 * Prints a table and writes tests/bench/results/field.json.
 */
import type { Browser } from 'playwright-core';
import { signInDemo } from '../support/accounts';
import { launchChromium, PHONE_VIEWPORT } from '../support/browser';
import buildForProduction from '../support/global-build';
import { startPoskoProcess, type PoskoProcess } from '../support/server';
import { benchOptions, writeResults } from './support';

const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};
const QUIET_MS = 2_000;

const option = benchOptions('Usage: npm run bench:field -- [--runs 3] [--out tests/bench/results/field.json]', {
  runs: '3',
  out: 'tests/bench/results/field.json',
});
const runs = option.whole('runs', 1);
const out = option.file('out');

interface PageLoad {
  jsGzipBytes: number;
  transferBytes: number;
  offerVisibleSlow3gMs: number;
  requests: number;
  scripts: number;
  leafletLoaded: boolean;
}

async function measure(
  browser: Browser,
  baseUrl: string,
  cookie: string,
  route: string,
  visible: string,
): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);

  const types = new Map<string, string>();
  const finished: { requestId: string; bytes: number }[] = [];
  let lastActivity = Date.now();
  cdp.on('Network.responseReceived', (event: { requestId: string; type: string }) => {
    types.set(event.requestId, event.type);
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
    transferBytes: finished.reduce((sum, entry) => sum + entry.bytes, 0),
    offerVisibleSlow3gMs: visibleMs,
    requests: finished.length,
    scripts: scripts.length,
    leafletLoaded,
  };
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;

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
        transferBytes: median(loads.map((load) => load.transferBytes)),
        offerVisibleSlow3gMs: median(loads.map((load) => load.offerVisibleSlow3gMs)),
        runsMs: loads.map((load) => load.offerVisibleSlow3gMs),
      };
    }

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log(`\nFirst load under Slow 3G (400 kbit/s, 400 ms RTT), median of ${runs}:`);
    console.log('page              JS (wire)   total (wire)  requests  visible after  Leaflet');
    for (const [key, load] of Object.entries(result)) {
      console.log(
        `${key.padEnd(17)} ${kb(load.jsGzipBytes).padStart(10)} ${kb(load.transferBytes).padStart(13)} ${String(load.requests).padStart(9)} ${`${(load.offerVisibleSlow3gMs / 1000).toFixed(1)} s`.padStart(14)}  ${load.leafletLoaded ? 'yes' : 'no'}`,
      );
    }
    const output = {
      measuredAt: new Date().toISOString(),
      network: { name: 'Slow 3G', downloadKbps: 400, uploadKbps: 400, rttMs: 400 },
      runs,
      visibleMeans: {
        volunteerPage: 'the offer sent to this volunteer is visible',
        coordinatorPage: "the map shows Kabupaten Kapuas' count",
      },
      ...result,
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
