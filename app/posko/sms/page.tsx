import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PROVINCE_CODE, type TimeZone } from '@/lib/domain';
import { settingsOf } from '@/server/channels/outbox';
import { provinceOutbox, queuedCount } from '@/server/channels/queries';
import { getAppContext } from '@/server/context';
import { latestEventId } from '@/server/events/queries';
import { allProvinces } from '@/server/incidents/page-data';
import { findProvince } from '@/server/regencies/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { ProvincePicker } from '@/app/_shared/ProvincePicker';
import { TextsTable } from '@/app/_shared/TextsTable';
import { UserMenu } from '@/app/_shared/UserMenu';
import { requirePage } from '@/app/_shared/session';
import { ChannelRefresh } from '@/app/_areas/channels/ChannelRefresh';
import { ChannelSettingsForm } from '@/app/_areas/channels/ChannelSettingsForm';
import '@/app/_areas/channels/channels.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('channels'))('metaTitle') };
}

/**
 * The province's SMS and WhatsApp: which channels are on, and the outbox (with the log channel, exactly
 * what would have been sent). Province coordinators and admins change the channels (admins pick the
 * province, `?provinsi=32`); kabupaten coordinators read.
 */
export default async function ChannelsPage({ searchParams }: { searchParams: Promise<{ provinsi?: string }> }) {
  const { actor, me } = await requirePage('/posko/sms', ['admin', 'coordinator']);
  const ctx = getAppContext();
  const { provinsi } = await searchParams;
  const provinceCode =
    me.provinceCode ?? (provinsi && PROVINCE_CODE.test(provinsi) ? provinsi : ctx.env.POSKO_DEFAULT_PROVINCE);
  const position = await latestEventId(ctx.db);
  const province = await findProvince(ctx.db, provinceCode);
  if (!province) notFound();
  const [t, settings, outbox, waiting, provinces] = await Promise.all([
    getTranslations('channels'),
    settingsOf(ctx.db, provinceCode),
    // A kabupaten coordinator sees the texts of its own kabupaten's volunteers only.
    provinceOutbox(ctx.db, provinceCode, actor.role === 'coordinator' ? actor.scope.regencyCode : null),
    queuedCount(ctx.db, provinceCode),
    actor.role === 'admin' ? allProvinces(ctx.db) : [],
  ]);
  const canEdit = actor.role === 'admin' || (actor.role === 'coordinator' && actor.scope.regencyCode === null);
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={province.name}>
        <a className="topbar-link" href={actor.role === 'admin' ? `/provinsi/${provinceCode}` : '/posko'}>
          {(await getTranslations('map'))('title.commandCentre')}
        </a>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <ChannelRefresh position={position} />
      <main className="page-body channels-page">
        <ProvincePicker
          action="/posko/sms"
          id="channels-province"
          label={t('settings.province')}
          submit="OK"
          provinces={provinces}
          current={provinceCode}
        />
        <section className="card" aria-labelledby="channel-settings-title">
          <h2 id="channel-settings-title">{t('settings.title', { province: province.name })}</h2>
          <p className="hint" data-testid="sms-provider">
            {t('settings.provider', { provider: t(`settings.providers.${ctx.env.POSKO_SMS_PROVIDER}`) })}
          </p>
          <ChannelSettingsForm
            initial={settings}
            canEdit={canEdit}
            whatsappAvailable={!!ctx.channels.providers.whatsapp}
          />
        </section>
        <section className="card" aria-labelledby="outbox-title">
          <h2 id="outbox-title">{t('outbox.title')}</h2>
          <p className="hint" data-testid="outbox-waiting">
            {t('outbox.waiting', { count: waiting })}
          </p>
          {outbox.length === 0 ? (
            <p className="hint">{t('outbox.empty')}</p>
          ) : (
            <TextsTable
              texts={outbox}
              timeZone={province.timeZone as TimeZone}
              showRecipient
              label={t('outbox.title')}
            />
          )}
        </section>
      </main>
    </div>
  );
}
