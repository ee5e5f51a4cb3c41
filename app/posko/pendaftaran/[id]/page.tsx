import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { latestEventId } from '@/server/events/queries';
import { signupLinkDetail, type SignupLinkDetail } from '@/server/signups/queries';
import { shareSignupLink } from '@/server/signups/share';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { toJson } from '@/app/_shared/json';
import { requirePage } from '@/app/_shared/session';
import { SignupLinkView } from '@/app/_areas/signups/SignupLinkView';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signups.links'))('title') };
}

/** One sign-up link: its QR code for the projector and its sign-ups, live, to approve. */
export default async function SignupLinkPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, me } = await requirePage(`/posko/pendaftaran/${id}`, ['admin', 'coordinator']);
  const t = await getTranslations('signups.links');
  const ctx = getAppContext();
  const position = await latestEventId(ctx.db);
  let detail: SignupLinkDetail;
  try {
    detail = await signupLinkDetail(ctx.db, actor, id, ctx.now());
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const requestHeaders = await headers();
  const base =
    ctx.env.POSKO_PUBLIC_URL?.replace(/\/$/, '') ??
    `${requestHeaders.get('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${requestHeaders.get('host')}`;
  const shared = await shareSignupLink(base, detail.link);
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={me.scopeLabel}>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <SignupLinkView detail={toJson(detail)} shared={shared} position={position} />
    </div>
  );
}
