/**
 * Which of a delivery's events each socket may see (by their index), given each event's rooms: the sockets
 * that see the same ones, each group with its events, so one frame is encoded per group.
 */
export function framesBySocket(
  roomMembers: ReadonlyMap<string, ReadonlySet<string>>,
  roomsByEvent: readonly string[][],
): [socketIds: string[], events: number[]][] {
  const seenBy = new Map<string, number[]>();
  roomsByEvent.forEach((eventRooms, index) => {
    for (const room of eventRooms) {
      for (const socketId of roomMembers.get(room) ?? []) {
        const seen = seenBy.get(socketId);
        if (!seen) seenBy.set(socketId, [index]);
        // An event reaches a socket once, whichever of its rooms the socket is in.
        else if (seen.at(-1) !== index) seen.push(index);
      }
    }
  });
  const groups = new Map<string, [string[], number[]]>();
  for (const [socketId, seen] of seenBy) {
    const key = seen.join(',');
    const group = groups.get(key);
    if (group) group[0].push(socketId);
    else groups.set(key, [[socketId], seen]);
  }
  return [...groups.values()];
}
