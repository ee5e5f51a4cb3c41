'use client';

import { applicationServerKey } from './server-key';

/**
 * Web Push for coordinators, seen from a staff page: its own notification-only worker, scoped to the
 * incident pages a notification opens (the field app's worker stays the volunteers').
 */
export const STAFF_WORKER_URL = '/pemberitahuan/sw.js';
export const STAFF_WORKER_SCOPE = '/kejadian';

export const staffPushSupported = () =>
  typeof navigator !== 'undefined' &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

export async function currentStaffSubscription(): Promise<PushSubscription | null> {
  if (!staffPushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration(STAFF_WORKER_SCOPE);
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** Registers the staff worker and asks the browser for a subscription signed for this server's key. */
export async function subscribeStaff(publicKey: string): Promise<PushSubscription> {
  const registration = await navigator.serviceWorker.register(STAFF_WORKER_URL, {
    scope: STAFF_WORKER_SCOPE,
    type: 'module',
  });
  const worker = registration.installing ?? registration.waiting ?? registration.active;
  if (worker && worker.state !== 'activated') {
    await new Promise<void>((resolve) => {
      const settled = () => {
        if (worker.state === 'activated' || worker.state === 'redundant') resolve();
      };
      worker.addEventListener('statechange', settled);
      settled();
    });
  }
  return registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: applicationServerKey(publicKey),
  });
}
