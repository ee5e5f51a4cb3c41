import { fileURLToPath } from 'node:url';

/** The repository root, where Next.js finds `app/` and `.next/`. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
