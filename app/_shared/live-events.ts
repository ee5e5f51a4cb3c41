'use client';

import { useEffect, useRef } from 'react';
import type { LiveEvent } from '@/lib/realtime';
import { getSocket } from './socket';

type Listener = { onEvent: (event: LiveEvent) => void; onReset?: () => void };

// With several server processes an event can arrive a little after a later one; replay after a
// reconnect starts this far back, and the ids already seen are skipped.
const REPLAY_OVERLAP_MS = 10_000;

/**
 * The page's view of the event log: each event once (by id), in order, and after a reconnect what was
 * missed in the meantime, or a reset when too much was.
 */
class LiveEvents {
  private seen = new Set<number>();
  private position = 0;
  private history: { at: number; position: number }[] = [];
  private listeners = new Set<Listener>();
  private started = false;

  start(initialPosition: number): void {
    this.position = Math.max(this.position, initialPosition);
    if (this.started) return;
    this.started = true;
    const socket = getSocket();
    socket.on('event:appended', (event) => this.apply([event]));
    // On every connect, the first too: what committed between the page's server render and the socket
    // joining its rooms arrives this way.
    socket.on('connect', () => this.catchUp());
    if (socket.connected) this.catchUp();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private replayFrom(): number {
    const cutoff = Date.now() - REPLAY_OVERLAP_MS;
    const older = this.history.filter((sample) => sample.at <= cutoff).at(-1);
    return Math.min(this.position, older?.position ?? this.position);
  }

  private catchUp(): void {
    getSocket().emit('events:since', { after: this.replayFrom() }, (result) => {
      if (!result.ok) return;
      if (result.data.reset) {
        this.position = result.data.position;
        for (const listener of this.listeners) listener.onReset?.();
        return;
      }
      this.apply(result.data.events);
    });
  }

  private apply(events: LiveEvent[]): void {
    for (const event of events) {
      if (this.seen.has(event.id)) continue;
      this.seen.add(event.id);
      this.position = Math.max(this.position, event.id);
      for (const listener of this.listeners) listener.onEvent(event);
    }
    const now = Date.now();
    this.history.push({ at: now, position: this.position });
    this.history = this.history.filter((sample) => sample.at > now - 3 * REPLAY_OVERLAP_MS);
    if (this.seen.size > 10_000) {
      const floor = this.replayFrom();
      for (const id of this.seen) if (id < floor) this.seen.delete(id);
    }
  }
}

const liveEvents = new LiveEvents();

/**
 * Calls `onEvent` for every event of the signed-in person's scope from `initialPosition` on (the
 * position the page's server data was read at), including the ones missed while offline; `onReset`
 * when the page must reload its data instead.
 */
export function useLiveEvents(
  initialPosition: number,
  onEvent: (event: LiveEvent) => void,
  onReset?: () => void,
): void {
  const handlers = useRef({ onEvent, onReset });
  useEffect(() => {
    handlers.current = { onEvent, onReset };
  });
  useEffect(() => {
    liveEvents.start(initialPosition);
    return liveEvents.subscribe({
      onEvent: (event) => {
        if (event.id > initialPosition) handlers.current.onEvent(event);
      },
      onReset: () => handlers.current.onReset?.(),
    });
  }, [initialPosition]);
}
