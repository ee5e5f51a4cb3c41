/// <reference lib="webworker" />
import { listenForPush } from './notifications';

/**
 * The coordinators' service worker (scope /kejadian): notifications only — late and critical check-ins
 * in their scope, a tap opening the incident. It caches nothing and leaves every request to the network.
 */
declare const self: ServiceWorkerGlobalScope;

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
listenForPush(self, { home: '/kejadian' });
