import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NATIONAL } from '@/lib/command-centre';
import { CommandCentrePage } from '@/app/_areas/command-centre/CommandCentrePage';
import { requirePage } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('map');
  return { title: `${t('title.commandCentre')} · ${t('scope.national')}` };
}

/** Every province on one map: the admins' national view. */
export default async function NationalPage() {
  const { actor, me } = await requirePage('/nasional', ['admin']);
  return <CommandCentrePage wilayah={NATIONAL} actor={actor} me={me} />;
}
