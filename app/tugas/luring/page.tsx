import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { FieldShell } from '../../_components/FieldShell';
import '../field.css';

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
