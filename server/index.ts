import { DatabaseOpenError } from '../db/client';
import { startPosko, StartupError } from './app';
import { EnvError, parseEnv } from './env';
import { logger } from './log';

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const posko = await startPosko(env);
  console.log(`Posko is ready at ${posko.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Posko…`);
    await posko.close().catch((error: unknown) => logger().error({ err: error }, 'Stopping Posko failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // Failures a person can fix get one clear line; anything else keeps its stack for a bug report.
  if (error instanceof EnvError || error instanceof StartupError || error instanceof DatabaseOpenError) {
    console.error(`Posko cannot start: ${error.message}`);
  } else {
    console.error('Posko cannot start:', error);
  }
  process.exit(1);
});
