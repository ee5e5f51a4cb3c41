'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { getSocket } from './socket';

export type Connection = 'connecting' | 'live' | 'offline';

function subscribe(onChange: () => void): () => void {
  const socket = getSocket();
  socket.on('connect', onChange);
  socket.on('disconnect', onChange);
  return () => {
    socket.off('connect', onChange);
    socket.off('disconnect', onChange);
  };
}

// A socket that is not connected is still connecting the first time, and offline after that.
let connectedOnce = false;

function snapshot(): Connection {
  if (getSocket().connected) {
    connectedOnce = true;
    return 'live';
  }
  return connectedOnce ? 'offline' : 'connecting';
}

/**
 * The page's socket state; `onConnect` runs at every connect, the first one included: what was
 * committed between the page's server render and the socket joining its rooms is read again then.
 */
export function useConnection(onConnect?: () => void): Connection {
  const handler = useRef(onConnect);
  useEffect(() => {
    handler.current = onConnect;
  });
  useEffect(() => {
    const socket = getSocket();
    const connected = () => handler.current?.();
    socket.on('connect', connected);
    return () => {
      socket.off('connect', connected);
    };
  }, []);
  return useSyncExternalStore(subscribe, snapshot, () => 'connecting');
}
