import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export default async function NotFound() {
  const t = await getTranslations('auth.notFound');
  return (
    <main className="message-page">
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <Link href="/">{t('back')}</Link>
    </main>
  );
}
