import webpush from 'web-push';
import type { Executor } from '../../db/client';
import { pushKeys } from '../../db/schema';
import type { Env } from '../env';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The VAPID key pair: the environment's, or one generated on first use and kept in the database, so every
 * process and every restart signs with the same key (a new key would silence every phone's subscription).
 */
export async function vapidKeys(db: Executor, env: Pick<Env, 'POSKO_VAPID_PUBLIC_KEY' | 'POSKO_VAPID_PRIVATE_KEY'>) {
  if (env.POSKO_VAPID_PUBLIC_KEY && env.POSKO_VAPID_PRIVATE_KEY) {
    return { publicKey: env.POSKO_VAPID_PUBLIC_KEY, privateKey: env.POSKO_VAPID_PRIVATE_KEY };
  }
  const [stored] = await db.select().from(pushKeys).limit(1);
  if (stored) return { publicKey: stored.publicKey, privateKey: stored.privateKey };
  const generated = webpush.generateVAPIDKeys();
  // Two processes starting at once: the first insert wins and both read it back.
  await db
    .insert(pushKeys)
    .values({ id: 1, ...generated })
    .onConflictDoNothing();
  const [kept] = await db.select().from(pushKeys).limit(1);
  return { publicKey: kept!.publicKey, privateKey: kept!.privateKey } satisfies VapidKeys;
}
