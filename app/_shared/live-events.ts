'use client';

import { useEffect, useRef } from 'react';
import type { AppendedEvent, LiveEvent } from '@/lib/realtime';
import { getSocket, type PoskoSocket } from './socket';

export interface LiveListener {
  onEvent: (event: LiveEvent) => void;
  /** The page missed more than the log can replay: it must read its data again. */
  onReset?: () => void;
}

export interface LiveEventLogOptions {
  /** A catch-up without an answer after this long is given up and asked again. */
  answerTimeoutMs?: number;
  /** While connected, a catch-up that failed or got no answer is asked again this often. */
  retryMs?: number;
  /** Applied events kept for a page that subscribes with data read before the log's position. */
  keepRecent?: number;
}

/**
 * The page's view of the event log. Its position only moves over an unbroken run: a live event is
 * applied when the page holds the event committed just before it (`previousId`), and a catch-up answer
 * says how far it reaches, so an id it skipped is outside the scope. A live event after a gap, and any
 * that arrives while a catch-up is pending, is held and applied after the catch-up; a catch-up that
 * fails, gets no answer or is cut off by a drop is asked again on the next connect and on a timer.
 */
export class LiveEventLog {
  private position: number;
  private held = new Map<number, AppendedEvent>();
  private pending: number | null = null;
  private requests = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<LiveListener>();
  // The latest applied events, and the position before the oldest of them.
  private recent: LiveEvent[] = [];
  private recentFloor: number;
  private readonly answerTimeoutMs: number;
  private readonly retryMs: number;
  private readonly keepRecent: number;
  private readonly detach: () => void;

  constructor(
    private readonly socket: PoskoSocket,
    initialPosition: number,
    options: LiveEventLogOptions = {},
  ) {
    this.position = initialPosition;
    this.recentFloor = initialPosition;
    this.answerTimeoutMs = options.answerTimeoutMs ?? 10_000;
    this.retryMs = options.retryMs ?? 5_000;
    this.keepRecent = options.keepRecent ?? 1_000;
    const onLive = (events: AppendedEvent[]) => this.receive(events);
    // On every connect, the first too: what committed between the page's server render and the socket
    // joining its rooms arrives this way.
    const onConnect = () => this.catchUp();
    const onDisconnect = () => {
      this.pending = null;
      this.clearRetry();
    };
    socket.on('events:appended', onLive);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    this.detach = () => {
      socket.off('events:appended', onLive);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      this.clearRetry();
    };
    if (socket.connected) this.catchUp();
  }

  /** The id up to which every event of the page's scope has been applied. */
  get applied(): number {
    return this.position;
  }

  /** Nothing held and no catch-up pending or due. */
  get settled(): boolean {
    return this.held.size === 0 && this.pending === null && this.retry === null;
  }

  /**
   * Follows the log from `since` on, the position the listener's data was read at: events already
   * applied after it are handed over first; when the log no longer has them, the listener resets.
   */
  subscribe(listener: LiveListener, since = this.position): () => void {
    if (since < this.position) {
      if (since >= this.recentFloor) {
        for (const event of this.recent) if (event.id > since) listener.onEvent(event);
      } else {
        listener.onReset?.();
      }
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.detach();
    this.listeners.clear();
  }

  private receive(events: AppendedEvent[]): void {
    for (const event of events) if (event.id > this.position) this.held.set(event.id, event);
    this.drain();
  }

  /** Applies the held events that continue the unbroken run; at a gap, asks the server. */
  private drain(): void {
    if (this.pending !== null) return;
    for (const event of [...this.held.values()].sort((a, b) => a.id - b.id)) {
      if (event.id <= this.position) {
        this.held.delete(event.id);
      } else if (event.previousId <= this.position) {
        this.held.delete(event.id);
        this.apply(event);
      } else {
        this.catchUp();
        return;
      }
    }
  }

  private catchUp(): void {
    if (this.pending !== null || !this.socket.connected) return;
    this.clearRetry();
    const request = ++this.requests;
    const after = this.position;
    this.pending = request;
    this.socket.timeout(this.answerTimeoutMs).emit('events:since', { after }, (error, result) => {
      if (this.pending !== request) return;
      this.pending = null;
      if (error || !result.ok) {
        this.scheduleRetry();
        return;
      }
      const answer = result.data;
      if (answer.reset) {
        this.position = Math.max(this.position, answer.position);
        this.recent = [];
        this.recentFloor = this.position;
        for (const listener of this.listeners) listener.onReset?.();
      } else {
        for (const event of answer.events) if (event.id > this.position) this.apply(event);
        this.position = Math.max(this.position, answer.position);
      }
      this.drain();
    });
  }

  private apply(event: LiveEvent): void {
    this.position = event.id;
    this.recent.push(event);
    if (this.recent.length > this.keepRecent) this.recentFloor = this.recent.shift()!.id;
    for (const listener of this.listeners) listener.onEvent(event);
  }

  private scheduleRetry(): void {
    this.clearRetry();
    this.retry = setTimeout(() => {
      this.retry = null;
      this.catchUp();
    }, this.retryMs);
  }

  private clearRetry(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }
}

let liveEvents: LiveEventLog | undefined;

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
    liveEvents ??= new LiveEventLog(getSocket(), initialPosition);
    return liveEvents.subscribe(
      {
        onEvent: (event) => {
          if (event.id > initialPosition) handlers.current.onEvent(event);
        },
        onReset: () => handlers.current.onReset?.(),
      },
      initialPosition,
    );
  }, [initialPosition]);
}
