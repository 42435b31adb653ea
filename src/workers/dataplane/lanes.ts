/**
 * VirtualLink lanes: which lane of a peer's VirtualLink carries a frame. Pure functions over the
 * lane indices that are up, tested without sockets.
 *
 * A VirtualLink is up to `lanes.max` WebSocket connections to one peer, all dialed by the same end:
 * - lane 0, control: heartbeats, SWIM, LSAs, acks, credit updates and Raft messages up to
 *   {@link CONTROL_FRAME_MAX_BYTES};
 * - lane 1, priority: larger Raft messages (log entries carrying system and internal-DB updates,
 *   snapshots);
 * - lanes 2.., bulk client data. A stream is pinned to one bulk lane by a hash of its id; the
 *   chunks of a message larger than one chunk are striped over the bulk lanes by chunk number.
 *   A data frame sent again on a fast reroute ({@link FrameFlag.Resend}) rides the priority lane
 *   instead, at every hop, so it passes the bulk backlog of the path it moved to.
 * With one lane (collapsible mode, `lanes.max` 1) everything rides lane 0. When a class's lane is
 * down its frames fall back within the class rules: bulk to another bulk lane, then the priority
 * lane, then control; priority to control, then a bulk lane; control to the lowest lane up (a data
 * lane is promoted at once).
 */
import { FrameFlag, FrameType, Off } from '../../shared/wire/index.js';
import { writeUlid } from '../../shared/ids.js';

/** Traffic classes of lanes (the same names as the routing cost classes). */
export type LaneClass = 'control' | 'priority' | 'bulk';

/** The control lane. */
export const CONTROL_LANE = 0;
/** The priority-data lane. */
export const PRIORITY_LANE = 1;
/** The first bulk lane. */
export const FIRST_BULK_LANE = 2;
/**
 * Largest frame the control lane carries while the VirtualLink has another lane (bytes): a larger
 * Raft message goes to the priority lane, so a big append never holds a heartbeat back.
 */
export const CONTROL_FRAME_MAX_BYTES = 16 * 1024;

/** The class of an encoded frame (its type byte and length). */
export function laneClassOf(frame: Uint8Array): LaneClass {
  const type = frame[Off.type];
  if (type === FrameType.Data) return frame[Off.flags] & FrameFlag.Resend ? 'priority' : 'bulk';
  if (type === FrameType.Raft && frame.length > CONTROL_FRAME_MAX_BYTES) return 'priority';
  return 'control';
}

/**
 * The key that pins a data frame to a bulk lane: a hash of its stream id (the random tail of the
 * ULID), plus the chunk number for a message of several chunks (striping). 0 for other frames.
 */
export function laneKeyOf(frame: Uint8Array): number {
  if (frame[Off.type] !== FrameType.Data) return 0;
  const h = streamHashOf(frame);
  const total = (frame[Off.totalChunks] << 24 | frame[Off.totalChunks + 1] << 16 | frame[Off.totalChunks + 2] << 8 | frame[Off.totalChunks + 3]) >>> 0;
  if (total <= 1) return h;
  const chunk = (frame[Off.chunkSeq] << 24 | frame[Off.chunkSeq + 1] << 16 | frame[Off.chunkSeq + 2] << 8 | frame[Off.chunkSeq + 3]) >>> 0;
  return (h + chunk) >>> 0;
}

/** A hash of an encoded frame's stream id: the last 4 bytes of the ULID (its random part). */
export function streamHashOf(frame: Uint8Array): number {
  const s = Off.streamId + 12;
  return ((frame[s] << 24) | (frame[s + 1] << 16) | (frame[s + 2] << 8) | frame[s + 3]) >>> 0;
}

const ulidScratch = new Uint8Array(Off.streamId + 16);

/** {@link streamHashOf} for a stream id not yet encoded in a frame (the key of its single-chunk messages and first chunks). */
export function streamHash(streamId: string): number {
  writeUlid(streamId, ulidScratch, Off.streamId);
  return streamHashOf(ulidScratch);
}

/**
 * The lane for a frame of class `cls` and key `key`, among the lane indices `up` (ascending);
 * undefined when none is up. See the module comment for the fallback order.
 */
export function pickLane(up: readonly number[], cls: LaneClass, key = 0): number | undefined {
  if (up.length === 0) return undefined;
  if (up.length === 1) return up[0];
  const has = (l: number) => up.includes(l);
  if (cls === 'control') return up[0];
  if (cls === 'priority') return has(PRIORITY_LANE) ? PRIORITY_LANE : up[0];
  let bulk = 0;
  for (const l of up) if (l >= FIRST_BULK_LANE) bulk++;
  if (bulk > 0) {
    let n = key % bulk;
    for (const l of up) if (l >= FIRST_BULK_LANE && n-- === 0) return l;
  }
  return has(PRIORITY_LANE) ? PRIORITY_LANE : up[0];
}
