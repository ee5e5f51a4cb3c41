import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { NODE_COOKIE } from './node-cookie';

const TEMPLATE = path.join(import.meta.dirname, 'nginx.conf');

export interface Upstream {
  /** The process's POSKO_NODE_ID. */
  id: string;
  port: number;
}

/**
 * nginx.conf with the gaps filled: one upstream per process (itself first, the others as backups, for
 * requests carrying its cookie), one with all of them for the rest, and the map that picks between them.
 */
export function renderNginxConfig({
  listen,
  prefix,
  upstreams,
}: {
  listen: string;
  prefix: string;
  upstreams: Upstream[];
}): string {
  const server = (port: number, backup = false) =>
    `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s${backup ? ' backup' : ''};`;
  const blocks = [
    `  upstream posko_any {\n${upstreams.map((u) => server(u.port)).join('\n')}\n  }`,
    ...upstreams.map(
      (own) =>
        `  upstream posko_${own.id} {\n${[server(own.port), ...upstreams.filter((u) => u !== own).map((u) => server(u.port, true))].join('\n')}\n  }`,
    ),
    `  map $cookie_${NODE_COOKIE} $posko_backend {\n    default posko_any;\n${upstreams.map((u) => `    ${u.id} posko_${u.id};`).join('\n')}\n  }`,
  ];
  return readFileSync(TEMPLATE, 'utf8')
    .replaceAll('{{prefix}}', prefix)
    .replace('{{listen}}', listen)
    .replace('{{upstreams}}', blocks.join('\n\n'));
}

export interface RunningNginx {
  stop(): Promise<void>;
}

/** Starts nginx in the foreground with its own prefix folder (config, pid, temp files, error log). */
export async function startNginx({
  prefix,
  config,
  port,
}: {
  prefix: string;
  config: string;
  port: number;
}): Promise<RunningNginx> {
  const binary = findNginx();
  mkdirSync(prefix, { recursive: true });
  const file = path.join(prefix, 'nginx.conf');
  writeFileSync(file, config);
  const test = spawnSync(binary, ['-t', '-q', '-p', prefix, '-c', file], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused its configuration: ${test.stderr || test.stdout}`);
  const child: ChildProcess = spawn(binary, ['-p', prefix, '-c', file, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForPort(port, child, () => log);
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT'); // graceful: lets open requests finish
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function findNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    if (spawnSync(candidate, ['-v']).status === 0) return candidate;
  }
  throw new Error('nginx is not installed: apt-get install -y nginx (Debian), then try again.');
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${log()}`);
    const listening = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    }).catch(() => false);
    if (listening) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on port ${port}: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
