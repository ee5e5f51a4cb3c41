import { connection } from 'next/server';
import { getAppContext } from '@/server/context';
import { ProvinceMapPage } from './_components/ProvinceMapPage';

export default async function HomePage() {
  await connection(); // the default province is configuration, read per request
  return <ProvinceMapPage provinceCode={getAppContext().env.POSKO_DEFAULT_PROVINCE} />;
}
