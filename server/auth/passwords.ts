import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes); @node-rs/argon2 uses argon2id by default.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when the account does not exist, so both answers take the same time.
const NOBODY = hash('posko-no-such-account', OPTIONS);

/** True when the password matches; a missing hash still costs one verification. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash ?? (await NOBODY);
  const matches = await verify(target, password).catch(() => false);
  return matches && passwordHash !== null;
}
