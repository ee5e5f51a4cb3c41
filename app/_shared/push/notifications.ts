/// <reference lib="webworker" />
import { notificationTag, type PushMessage } from '@/lib/push';

/**
 * What both service workers do with a push (the field app's for volunteers, the staff one for
 * coordinators): show it, and on a tap open its page, reusing an open window of the same pages.
 */
export function listenForPush(worker: ServiceWorkerGlobalScope, { home }: { home: string }): void {
  worker.addEventListener('push', (event) => {
    let message: PushMessage;
    try {
      message = event.data?.json() as PushMessage;
    } catch {
      return;
    }
    if (!message?.title) return;
    event.waitUntil(
      worker.registration.showNotification(message.title, {
        body: message.body,
        tag: notificationTag(message),
        icon: '/icons/posko-192.png',
        badge: '/icons/posko-badge.png',
        data: { url: message.url },
      }),
    );
  });

  worker.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const target = new URL((event.notification.data as { url?: string } | null)?.url ?? home, worker.location.origin);
    event.waitUntil(
      (async () => {
        const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
        const open = windows.find((client) => new URL(client.url).pathname.startsWith(home));
        if (open) {
          const navigated = await open.navigate(target.href).catch(() => null);
          await (navigated ?? open).focus();
          return;
        }
        await worker.clients.openWindow(target.href);
      })(),
    );
  });
}
