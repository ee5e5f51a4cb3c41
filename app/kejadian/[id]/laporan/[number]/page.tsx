import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import enSituation from '@/lib/messages/en/situation.json';
import idSituation from '@/lib/messages/id/situation.json';
import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { getSitrep, sitrepIdByNumber, type Sitrep } from '@/server/sitreps/queries';
import { REPORT_CSS, pageCss, sitrepHtml } from '@/server/sitreps/report-html';
import { sitrepText } from '@/server/sitreps/report-text';
import { ReportTools } from '@/app/_areas/situation/ReportTools';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { requirePage } from '@/app/_shared/session';
import '@/app/_areas/situation/report-page.css';

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  const { number } = await params;
  const t = await getTranslations('situation.sitreps');
  return { title: t('item', { number: /^\d{1,6}$/.test(number) ? number : '?' }) };
}

/**
 * One Laporan Situasi, ready to print on A4 (page numbers and the office's name on every page) with
 * its PDF and WhatsApp text. The report is in Bahasa Indonesia; the English view translates its labels.
 */
export default async function SitrepPage({ params }: { params: Promise<{ id: string; number: string }> }) {
  const { id, number } = await params;
  const { actor, me } = await requirePage(`/kejadian/${id}/laporan/${number}`, ['admin', 'coordinator', 'leader']);
  if (!/^[0-9a-f-]{36}$/i.test(id) || !/^\d{1,6}$/.test(number)) notFound();
  const ctx = { ...getAppContext(), actor };
  const sitrepId = await sitrepIdByNumber(ctx.db, id, Number(number));
  if (!sitrepId) notFound();
  let sitrep: Sitrep;
  try {
    sitrep = await getSitrep({ ctx, input: { sitrepId } });
  } catch (error) {
    if (error instanceof DomainError) notFound();
    throw error;
  }
  const locale = await getLocale();
  const labels = locale === 'en' ? enSituation.report : idSituation.report;
  const t = await getTranslations('situation.sitreps');

  return (
    <div className="dashboard report-page">
      <PageTopbar title={t('item', { number: sitrep.number })} subtitle={sitrep.snapshot.incident.title}>
        <UserMenu me={me} />
      </PageTopbar>
      <main className="report-body" id="isi">
        <ReportTools incidentId={id} sitrepId={sitrep.id} text={sitrepText(sitrep)} translated={locale !== 'id'} />
        <style>{REPORT_CSS + pageCss(sitrep, idSituation.report)}</style>
        <article
          className="report"
          lang="id"
          data-testid="sitrep"
          dangerouslySetInnerHTML={{ __html: sitrepHtml(sitrep, labels, locale === 'en' ? 'en-US' : 'id-ID') }}
        />
      </main>
    </div>
  );
}
