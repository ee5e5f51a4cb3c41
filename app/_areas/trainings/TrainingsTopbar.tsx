import { getTranslations } from 'next-intl/server';
import type { Me } from '@/lib/auth';
import { TRAINING_EVENTS } from '@/lib/trainings';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { LiveRefresh } from '@/app/_shared/LiveRefresh';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';

/**
 * The trainings pages' top bar (the roster link for those who keep it) and their live refresh on every
 * training event, or one training's. `position` is the last event id read before the page's data.
 */
export async function TrainingsTopbar({ me, position, trainingId }: { me: Me; position: number; trainingId?: string }) {
  const t = await getTranslations('trainings');
  return (
    <>
      <PageTopbar title={t('title')} subtitle={me.scopeLabel}>
        {me.role !== 'leader' ? (
          <a className="topbar-link" href="/posko/relawan">
            {t('rosterLink')}
          </a>
        ) : null}
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <LiveRefresh position={position} types={Object.values(TRAINING_EVENTS)} trainingId={trainingId} />
    </>
  );
}
