import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface PoskoProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface ExitedProcess {
  code: number | null;
  output: string;
}

/** Runs `server/index.ts` as its own process, as `npm start` would, and resolves when it serves or exits. */
export function launchPosko(env: Record<string, string> = {}): Promise<PoskoProcess | ExitedProcess> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/index.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      POSKO_DATA_DIR: 'memory://',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Posko is ready at (http:\/\/\S+)/.exec(output);
      if (ready?.[1]) {
        resolve({
          url: ready[1],
          child,
          output: () => output,
          stop: () => stopProcess(child),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Like launchPosko, but a start that fails is an error. */
export async function startPoskoProcess(env: Record<string, string> = {}): Promise<PoskoProcess> {
  const launched = await launchPosko(env);
  if (!('url' in launched)) throw new Error(`Posko exited with ${launched.code}:\n${launched.output}`);
  return launched;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
