/** Limits of the data plane. */
import { HEADER_BYTES, INITIAL_CREDIT_BYTES, MAX_FRAME_PAYLOAD } from '../../shared/wire/index.js';

/** Bytes held by partially reassembled messages, across all streams (bytes). */
export const MAX_REASSEMBLY_BYTES = 256 * 1024 * 1024;
/** A partially reassembled message older than this is discarded (ms). */
export const REASSEMBLY_TIMEOUT_MS = 30_000;
/** A link that has not completed its handshake within this time is closed (ms). */
export const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Path of the WebSocket endpoint for links between members (TLS client key must be a member's). */
export const MESH_WS_PATH = '/mesh';
/** Path of the WebSocket endpoint for JoinMesh (any TLS client; small messages only). */
export const JOIN_WS_PATH = '/join';
/** Largest WebSocket message on a join link before its handshake completes (bytes). */
export const MAX_JOIN_MESSAGE_BYTES = 64 * 1024;
/** WebSocket close codes used by meshd (4000-4999 are for applications, RFC 6455 sec. 7.4.2). */
export const CloseCode = {
  Normal: 1000,
  ProtocolError: 1002,
  Unsupported: 1003,
  Invalid: 1007,
  Duplicate: 4001,
  Rejected: 4003,
  Dead: 4008,
  Stopping: 4010,
} as const;
/** Frames held on a link between the peer's welcome and the local bind (frames). */
export const MAX_EARLY_FRAMES = 4096;
/**
 * Credited bytes held on a link between the peer's welcome and the local bind: the initial credit
 * window plus one frame's overshoot (lane-credit.ts); a peer past it sent without credit.
 */
export const MAX_EARLY_BYTES = INITIAL_CREDIT_BYTES + HEADER_BYTES + MAX_FRAME_PAYLOAD;
