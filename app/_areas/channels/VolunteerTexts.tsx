import { getTranslations } from 'next-intl/server';
import type { TimeZone } from '@/lib/domain';
import { preferenceOf, volunteerTexts } from '@/server/channels/queries';
import { getAppContext } from '@/server/context';
import { TextsTable } from '@/app/_shared/TextsTable';

/** On the volunteer's record: every text sent to it by SMS/WhatsApp and how each went, and its choice. */
export async function VolunteerTexts({ volunteerId, timeZone }: { volunteerId: string; timeZone: TimeZone }) {
  const { db } = getAppContext();
  const [t, texts, mode] = await Promise.all([
    getTranslations('channels.volunteer'),
    volunteerTexts(db, volunteerId),
    preferenceOf(db, volunteerId),
  ]);
  return (
    <section className="card" aria-labelledby="texts-title" data-testid="volunteer-texts">
      <h2 id="texts-title">{t('title', { count: texts.length })}</h2>
      <p className="hint">{t(mode === 'always' ? 'preferenceAlways' : 'preferenceFallback')}</p>
      {texts.length === 0 ? (
        <p className="hint">{t('empty')}</p>
      ) : (
        <TextsTable
          texts={texts}
          timeZone={timeZone}
          showRecipient={false}
          label={t('title', { count: texts.length })}
        />
      )}
    </section>
  );
}
