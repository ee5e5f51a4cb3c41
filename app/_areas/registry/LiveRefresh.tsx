'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useRefresher } from '@/app/_shared/refresher';
import { useConnection } from '@/app/_shared/use-connection';

/**
 * Renders nothing: re-reads a server-rendered page when an event about `volunteerId` commits (also
 * one missed while offline), so the page never needs a reload.
 */
export function LiveRefresh({ position, volunteerId }: { position: number; volunteerId: string }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const refresh = useRefresher(async () => startTransition(() => router.refresh()));
  useLiveEvents(
    position,
    (event) => {
      if (event.volunteerId === volunteerId) refresh();
    },
    refresh,
  );
  useConnection(refresh);
  return null;
}
