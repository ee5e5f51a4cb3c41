import type { Metadata } from 'next';
import { getAppContext } from '@/server/context';
import { runningDeployments } from '@/server/deployments/board';
import { latestEventId } from '@/server/events/queries';
import { DeploymentBoard } from '../_components/DeploymentBoard';
import { ProvinceMapPage } from '../_components/ProvinceMapPage';
import { requirePage } from '../_lib/session';

export const metadata: Metadata = { title: 'Pantauan situasi' };

/** The leaders' read-only view of their province, live: volunteers on the map, running deployments below. */
export default async function LeaderPage() {
  const { me } = await requirePage('/pantau', ['admin', 'coordinator', 'leader']);
  const { db, env } = getAppContext();
  const provinceCode = me.provinceCode ?? env.POSKO_DEFAULT_PROVINCE;
  const position = await latestEventId(db);
  const requests = await runningDeployments(db, provinceCode);
  return (
    <ProvinceMapPage provinceCode={provinceCode} me={me} title="Pantauan Situasi">
      <DeploymentBoard requests={requests} position={position} />
    </ProvinceMapPage>
  );
}
