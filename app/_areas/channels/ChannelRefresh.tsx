'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { CHANNEL_EVENTS } from '@/lib/channels';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useRefresher } from '@/app/_shared/refresher';
import { useConnection } from '@/app/_shared/use-connection';

const WATCHED = new Set<string>(Object.values(CHANNEL_EVENTS));

/** Renders nothing: re-reads the outbox page when a text changes state or the channels change. */
export function ChannelRefresh({ position }: { position: number }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const refresh = useRefresher(async () => startTransition(() => router.refresh()));
  useLiveEvents(
    position,
    (event) => {
      if (WATCHED.has(event.type)) refresh();
    },
    refresh,
  );
  useConnection(refresh);
  return null;
}
