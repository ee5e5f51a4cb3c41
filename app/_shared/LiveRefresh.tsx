'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useRefresher } from '@/app/_shared/refresher';
import { useConnection } from '@/app/_shared/use-connection';

/**
 * Renders nothing: re-reads a server-rendered page when an event it shows commits (also one missed
 * while offline), so the page never needs a reload. An event counts when it is about `volunteerId`,
 * or is one of `types` (and, with `trainingId`, about that training). `position` is the last event id
 * read before the page's data.
 */
export function LiveRefresh({
  position,
  volunteerId,
  types,
  trainingId,
}: {
  position: number;
  volunteerId?: string;
  types?: readonly string[];
  trainingId?: string;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const refresh = useRefresher(async () => startTransition(() => router.refresh()));
  useLiveEvents(
    position,
    (event) => {
      const about =
        (volunteerId !== undefined && event.volunteerId === volunteerId) ||
        (types?.includes(event.type) && (trainingId === undefined || event.payload.trainingId === trainingId));
      if (about) refresh();
    },
    refresh,
  );
  useConnection(refresh);
  return null;
}
