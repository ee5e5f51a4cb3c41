import { getTranslations } from 'next-intl/server';

// A plain link: next/link would add its script to every page (this boundary is in each one's tree), and
// leaving a missing page needs no client-side navigation.
export default async function NotFound() {
  const t = await getTranslations('auth.notFound');
  return (
    <main className="message-page">
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <a href="/">{t('back')}</a>
    </main>
  );
}
