import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

/** "What data Posko keeps": the privacy page, for pages a person reaches before signing in. */
export async function PrivacyLink() {
  const t = await getTranslations('privacy.consent');
  return (
    <p className="privacy-link">
      <Link href="/privasi" data-testid="privacy-link">
        {t('more')}
      </Link>
    </p>
  );
}
