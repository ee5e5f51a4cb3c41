import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getAppContext } from '@/server/context';
import { CommandCentrePage } from '@/app/_areas/command-centre/CommandCentrePage';
import { requirePage } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('map');
  return { title: t('title.commandCentre') };
}

/** The coordinator's command centre for its own province (admins: the configured default). */
export default async function CoordinatorPage() {
  const { actor, me } = await requirePage('/posko', ['admin', 'coordinator']);
  const provinceCode = me.provinceCode ?? getAppContext().env.POSKO_DEFAULT_PROVINCE;
  return <CommandCentrePage wilayah={provinceCode} actor={actor} me={me} />;
}
