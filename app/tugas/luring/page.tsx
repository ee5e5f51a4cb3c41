import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { FieldShell } from '@/app/_areas/field/FieldShell';
import '@/app/_areas/field/field.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('field.shell');
  return { title: t('title') };
}

/**
 * The field app's offline shell. It names nobody (the phone fills it from IndexedDB), so the service
 * worker may keep it for every account on the phone; it needs no session.
 */
export default function FieldShellPage() {
  return <FieldShell />;
}
