import type { Executor } from '../../db/client';
import { checkCriteria } from '../deployments/matching';

/** A regu's pillar is a national one or the province's own. */
export async function checkPillar(db: Executor, pillarCode: string, provinceCode: string): Promise<void> {
  await checkCriteria(db, { pillarCodes: [pillarCode] }, provinceCode);
}
