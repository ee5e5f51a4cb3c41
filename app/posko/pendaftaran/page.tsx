import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getAppContext } from '@/server/context';
import { findProvince } from '@/server/regencies/queries';
import { signupLinksFor } from '@/server/signups/queries';
import { rosterChoices } from '@/server/volunteers/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { toJson } from '@/app/_shared/json';
import { toLocalInput } from '@/app/_shared/time';
import { requirePage } from '@/app/_shared/session';
import { SignupLinks } from '@/app/_areas/signups/SignupLinks';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signups.links'))('title') };
}

/** Sign-up by QR: the coordinator's links and the form that opens one for a camp or bimtek. */
export default async function SignupLinksPage() {
  const { actor, me } = await requirePage('/posko/pendaftaran', ['admin', 'coordinator']);
  const t = await getTranslations('signups.links');
  const ctx = getAppContext();
  const provinceCode = me.provinceCode ?? ctx.env.POSKO_DEFAULT_PROVINCE;
  const [links, choices, province] = await Promise.all([
    signupLinksFor(ctx.db, actor, ctx.now()),
    rosterChoices(ctx.db, actor, provinceCode),
    findProvince(ctx.db, provinceCode),
  ]);
  const timeZone = province?.timeZone ?? 'Asia/Jakarta';
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={me.scopeLabel}>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <SignupLinks
        links={toJson(links)}
        timeZone={timeZone}
        defaultUntil={toLocalInput(new Date(ctx.now().getTime() + 3 * 86_400_000), timeZone)}
        choices={{
          provinceCode: choices.provinceCode,
          regencies: choices.regencies,
          fixedRegencyCode: actor.role === 'coordinator' ? actor.scope.regencyCode : null,
          pillars: choices.pillars,
          trainings: choices.trainings.map(({ id, name }) => ({ id, name })),
        }}
      />
    </div>
  );
}
