/**
 * `npm run bench:signup`: a camp of 1,000 people signing up through one QR code from behind one NAT
 * address, compressed from an hour into `--rate` sign-ups a second (default 10: the hour's thousand in
 * 100 s, 36 times the hour's pace), or, with `--rate 0`, as fast as `--concurrency` phones can send.
 * Not a test.
 *
 * The production server runs on its default embedded database with the demo; a coordinator opens a
 * province-wide sign-up link. A probe — the coordinator's desk — reads /api/health every 100 ms, first
 * for 5 s on the idle server (the baseline), then while every sign-up arrives as the browser's own form
 * post (urlencoded, answered 303 to the thank-you page). "Without the server noticing" is the probe's
 * p95 during the camp beside its idle p95. It checks that the link holds exactly `--signups` waiting
 * sign-ups, and writes tests/bench/results/signup.json; it exits non-zero when a check fails.
 */
import { signInDemo } from '../support/accounts';
import buildForProduction from '../support/global-build';
import { startPoskoProcess, type PoskoProcess } from '../support/server';
import { benchOptions, timings, writeResults } from './support';

const option = benchOptions(
  'Usage: npm run bench:signup -- [--signups 1000] [--rate 10] [--concurrency 20] [--out tests/bench/results/signup.json]\n' +
    '  --rate: sign-ups a second, sent on a clock whatever the answers take; 0 sends as fast as\n' +
    '          --concurrency phones can (each waits for its answer before the next).',
  { signups: '1000', rate: '10', concurrency: '20', out: 'tests/bench/results/signup.json' },
);
const signups = option.whole('signups', 1, 100_000);
const rate = option.whole('rate', 0, 1_000);
const concurrency = option.whole('concurrency', 1, 500);
const out = option.file('out');

/** Starts job `index` at `index / perSecond` s from now, whatever the earlier ones take; returns each job's time in ms. */
async function paced(count: number, perSecond: number, job: (index: number) => Promise<void>): Promise<number[]> {
  const start = performance.now();
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const due = start + (index * 1000) / perSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const started = performance.now();
      await job(index);
      return performance.now() - started;
    }),
  );
}

/** Runs `count` jobs, `parallel` at a time; returns each job's time in ms. */
async function pool(count: number, parallel: number, job: (index: number) => Promise<void>): Promise<number[]> {
  const times: number[] = new Array<number>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      for (let index = next++; index < count; index = next++) {
        const started = performance.now();
        await job(index);
        times[index] = performance.now() - started;
      }
    }),
  );
  return times;
}

async function main(): Promise<void> {
  buildForProduction();
  let posko: PoskoProcess | undefined;
  try {
    posko = await startPoskoProcess();
    const base = posko.url;
    const cookie = await signInDemo(base, 'koord.kalteng');
    const created = await fetch(`${base}/api/signup-links`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Kemah Relawan Kalteng (uji beban)',
        provinceCode: '62',
        regencyCode: null,
        pillarCode: 'tagana',
        validUntil: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      }),
    });
    if (created.status !== 201) throw new Error(`POST /api/signup-links: ${created.status} ${await created.text()}`);
    const { link } = (await created.json()) as { link: { id: string; token: string } };
    const formPage = await (await fetch(`${base}/daftar/${link.token}`)).text();
    const places = [...formPage.matchAll(/<option value="(62\.\d{2}\.\d{2})"/g)].map((match) => match[1]!);
    if (places.length === 0) throw new Error('the form lists no kecamatan');

    const health = async () => {
      const response = await fetch(`${base}/api/health`);
      if (!response.ok) throw new Error(`GET /api/health: ${response.status}`);
      await response.arrayBuffer();
    };
    // The probe: one person at the coordinator's desk, reading every 100 ms until told to stop.
    const probeUntil = (stop: () => boolean) =>
      (async () => {
        const samples: number[] = [];
        while (!stop()) {
          const started = performance.now();
          await health();
          samples.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return samples;
      })();
    const idleUntil = performance.now() + 5_000;
    const baseline = await probeUntil(() => performance.now() >= idleUntil);
    let loading = true;
    const probing = probeUntil(() => !loading);
    const failures: string[] = [];
    const started = performance.now();
    const signUp = async (index: number) => {
      const districtCode = places[index % places.length]!;
      const body = new URLSearchParams({
        name: `Peserta Kemah ${index + 1}`,
        phone: `0877${String(10_000_000 + index)}`,
        regencyCode: districtCode.slice(0, 5),
        districtCode,
        gender: index % 2 ? 'male' : 'female',
        birthYear: String(1970 + (index % 35)),
        skills: 'p3k, dapur umum',
        consent: 'yes',
      });
      const response = await fetch(`${base}/daftar/${link.token}/kirim`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
        body,
      });
      await response.arrayBuffer();
      const location = response.headers.get('location') ?? '';
      if (response.status !== 303 || !location.endsWith('/terima-kasih')) {
        failures.push(`#${index + 1}: ${response.status} ${location}`);
      }
    };
    const signupTimes = rate > 0 ? await paced(signups, rate, signUp) : await pool(signups, concurrency, signUp);
    const elapsedMs = performance.now() - started;
    loading = false;
    const probe = await probing;

    const detail = (await (await fetch(`${base}/api/signup-links/${link.id}`, { headers: { cookie } })).json()) as {
      link: { counts: { pending: number } };
    };
    const pending = detail.link.counts.pending;
    const result = {
      measuredAt: new Date().toISOString(),
      database: 'pglite',
      signups,
      ratePerSecond: rate > 0 ? rate : null,
      concurrency: rate > 0 ? null : concurrency,
      elapsedS: Number((elapsedMs / 1000).toFixed(1)),
      perSecond: Number((signups / (elapsedMs / 1000)).toFixed(1)),
      accepted: signups - failures.length,
      pendingOnLink: pending,
      signup: timings(signupTimes),
      healthIdle: { samples: baseline.length, ...timings(baseline) },
      healthDuringSignups: { samples: probe.length, ...timings(probe) },
    };
    const pace = rate > 0 ? `${rate} a second` : `${concurrency} at a time, as fast as answered`;
    console.log(`\n${signups} sign-ups from one address, ${pace} (PGlite, production build):`);
    console.log('                          p50 ms   p95 ms   max ms');
    const line = (name: string, figures: { p50Ms: number; p95Ms: number; maxMs: number }) =>
      console.log(
        `${name.padEnd(24)} ${String(figures.p50Ms).padStart(7)} ${String(figures.p95Ms).padStart(8)} ${String(figures.maxMs).padStart(8)}`,
      );
    line('sign-up (form post)', result.signup);
    line('GET /api/health, idle', result.healthIdle);
    line('GET /api/health, during', result.healthDuringSignups);
    console.log(
      `accepted ${result.accepted} of ${signups} in ${result.elapsedS} s (${result.perSecond}/s); the link holds ${pending} waiting`,
    );
    console.log(`\nWritten to ${writeResults(out, result)}`);
    if (failures.length > 0 || pending !== signups) {
      console.error(`FAILED: ${failures.slice(0, 5).join('; ')}${pending !== signups ? ` pending ${pending}` : ''}`);
      process.exitCode = 1;
    }
  } finally {
    await posko?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
