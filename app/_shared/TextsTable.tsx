import { getLocale, getTranslations } from 'next-intl/server';
import type { OutboxEntry } from '@/lib/channels';
import type { TimeZone } from '@/lib/domain';
import type { Locale } from '../_i18n/config';
import { formatWhen } from './time';
import { TextStatusPill } from './TextStatus';

/** Texts as a table (cards on a phone): when, to whom, on which channel, what, and how it went. */
export async function TextsTable({
  texts,
  timeZone,
  showRecipient,
  label,
}: {
  texts: OutboxEntry[];
  timeZone: TimeZone;
  showRecipient: boolean;
  label: string;
}) {
  const [t, locale] = await Promise.all([getTranslations('channels'), getLocale()]);
  return (
    <table className="data-table card-table texts-table" aria-label={label} data-testid="texts-table">
      <thead>
        <tr>
          <th scope="col">{t('outbox.when')}</th>
          {showRecipient ? <th scope="col">{t('outbox.to')}</th> : null}
          <th scope="col">{t('outbox.channel')}</th>
          <th scope="col">{t('outbox.text')}</th>
          <th scope="col">{t('outbox.state')}</th>
        </tr>
      </thead>
      <tbody>
        {texts.map((text) => (
          <tr key={text.id} data-testid="text-row" data-text-id={text.id} data-kind={text.kind}>
            <td>{formatWhen(text.createdAt, timeZone, locale as Locale)}</td>
            {showRecipient ? (
              <td data-label={t('outbox.to')}>
                {text.volunteerName ?? t('outbox.unknownNumber')}
                <br />
                <span className="hint">{text.toPhone}</span>
              </td>
            ) : null}
            <td data-label={t('outbox.channel')}>
              {t(`channelNames.${text.channel}`)} · {t(`kinds.${text.kind}`)}
            </td>
            <td data-label={t('outbox.text')} className="text-body">
              {text.text}
            </td>
            <td data-label={t('outbox.state')}>
              <TextStatusPill status={text.status} />
              {text.attempts > 1 ? (
                <span className="hint"> {t('outbox.attempts', { count: text.attempts })}</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
