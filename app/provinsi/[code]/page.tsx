import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PROVINCE_CODE } from '@/lib/domain';
import { CommandCentrePage } from '@/app/_areas/command-centre/CommandCentrePage';
import { requirePage } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('map');
  return { title: t('title.commandCentre') };
}

/**
 * One province's command centre, for the staff and leaders whose scope holds it (admins: every province);
 * `?kejadian={id}` opens it centred on that incident.
 */
export default async function ProvincePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ kejadian?: string | string[] }>;
}) {
  const { code } = await params;
  const { kejadian } = await searchParams;
  const { actor, me } = await requirePage(`/provinsi/${code}`, ['admin', 'coordinator', 'leader']);
  if (!PROVINCE_CODE.test(code)) notFound();
  return (
    <CommandCentrePage
      wilayah={code}
      actor={actor}
      me={me}
      focusIncident={typeof kejadian === 'string' ? kejadian : null}
    />
  );
}
