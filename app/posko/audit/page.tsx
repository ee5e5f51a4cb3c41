import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { auditActors, auditPage, type AuditPage } from '@/server/audit/queries';
import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { findProvince } from '@/server/regencies/queries';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { requirePage } from '@/app/_shared/session';
import { AuditList } from '@/app/_areas/audit/AuditList';
import { AccessRecords } from '@/app/_areas/privacy/AccessRecords';
import { accessRecordPage } from '@/server/privacy/access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('audit'))('title') };
}

type Params = Record<string, string | string[] | undefined>;

/** Who changed what and when, inside the coordinator's scope (admins: everything). */
export default async function AuditPageView({ searchParams }: { searchParams: Promise<Params> }) {
  const { actor, me } = await requirePage('/posko/audit', ['admin', 'coordinator']);
  const t = await getTranslations('audit');
  const ctx = getAppContext();
  const params = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])),
  );
  const province = await findProvince(ctx.db, me.provinceCode ?? ctx.env.POSKO_DEFAULT_PROVINCE);
  const timeZone = province?.timeZone ?? 'Asia/Jakarta';
  let page: AuditPage;
  try {
    page = await auditPage(ctx.db, actor, params, timeZone);
  } catch (error) {
    // A hand-edited address with a value the page does not know shows the newest entries.
    if (!(error instanceof DomainError) || error.code !== 'INVALID') throw error;
    page = await auditPage(ctx.db, actor, {}, timeZone);
  }
  const actors = await auditActors(ctx.db, actor);
  // Reads of personal data, beside the changes: the same volunteer filter when one is set.
  const reads = await accessRecordPage(ctx.db, actor, { volunteerId: page.query.volunteerId });
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={me.scopeLabel}>
        <UserMenu me={me} />
      </PageTopbar>
      <AuditList page={page} actors={actors} />
      <div className="page-body">
        <AccessRecords entries={reads.entries} timeZone={timeZone} />
      </div>
    </div>
  );
}
