'use client';

import { applicationServerKey } from '@/app/_shared/push/server-key';

/**
 * The field app's service worker (app shell offline, Web Push) seen from the page. Its scope is the
 * volunteer's pages only; staff pages never get one.
 */
export const WORKER_URL = '/serwist/sw.js';
export const WORKER_SCOPE = '/tugas';

export const workerSupported = () => typeof navigator !== 'undefined' && 'serviceWorker' in navigator;

/** Registers the worker and asks it to keep the app shell current (once per page load). */
export async function registerFieldWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!workerSupported()) return null;
  try {
    const registration = await navigator.serviceWorker.register(WORKER_URL, { scope: WORKER_SCOPE, type: 'module' });
    const ready = await navigator.serviceWorker.ready;
    (ready.active ?? registration.active)?.postMessage({ type: 'posko:refresh-shell' });
    return registration;
  } catch (error) {
    console.warn('The field app cannot work offline here:', error);
    return null;
  }
}

export const pushSupported = () => workerSupported() && 'PushManager' in window && 'Notification' in window;

export async function currentPushSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration(WORKER_SCOPE);
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** Asks the browser for a push subscription signed for this server's VAPID key. */
export async function subscribeToPush(vapidPublicKey: string): Promise<PushSubscription> {
  const registration = (await registerFieldWorker()) ?? (await navigator.serviceWorker.ready);
  await navigator.serviceWorker.ready;
  return registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: applicationServerKey(vapidPublicKey),
  });
}

/** A UUID even where crypto.randomUUID is missing (plain http on a LAN address is no secure context). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
