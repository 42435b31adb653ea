/**
 * Wire format constants: frame types, flags and limits. See `docs/WIRE.md` for the layout.
 */

/** Version byte of every frame this build writes and accepts. */
export const WIRE_VERSION = 1;

/** Size of the fixed frame header in bytes, CRC32C field included. */
export const HEADER_BYTES = 96;

/** Largest payload one frame may carry (bytes). Larger messages are chunked. */
export const MAX_FRAME_PAYLOAD = 1024 * 1024;

/** Largest WebSocket message (a batch of frames) a link accepts (bytes). */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** Default chunk size for client-data messages (bytes). */
export const DEFAULT_CHUNK_BYTES = 64 * 1024;

/** Largest client-data message, before chunking (bytes). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Most WebSocket connections ("lanes") of one VirtualLink: lane 0 control, lane 1 priority data,
 * lanes 2.. bulk client data. A hello naming a lane at or above it is malformed.
 */
export const MAX_LANES = 8;

/** Credit every lane starts with in each direction, before any window update (bytes; see `src/workers/dataplane/lane-credit.ts`). */
export const INITIAL_CREDIT_BYTES = 2 * 1024 * 1024;

/** Default time to live of a routed frame (hops). */
export const DEFAULT_TTL = 16;

/** Size of a BLAKE3 digest (bytes). */
export const DIGEST_BYTES = 32;

/** Size of the keyed-BLAKE3 tag that ends every routed frame (flag {@link FrameFlag.Auth}; bytes). */
export const TAG_BYTES = 16;

/** Size of the ECDSA P-256 signature (IEEE P1363, r || s) that ends an LSA (flag {@link FrameFlag.Signed}; bytes). */
export const SIGNATURE_BYTES = 64;

/** Frame types. Control types ride shard 0 ahead of data. */
export const FrameType = {
  /** Handshake messages (hello, challenge, proof, welcome, reject); msgpackr body. */
  Handshake: 1,
  /** Heartbeat ping or pong with a timestamp for RTT; msgpackr body. */
  Heartbeat: 2,
  /** Link-state advertisement; msgpackr body. */
  Lsa: 3,
  /** Cumulative acknowledgement of a client-data stream (`ack` field); body: SACK blocks (sack.ts), usually none. */
  Ack: 4,
  /** Orderly goodbye: the peer is stopping; msgpackr body. */
  Bye: 5,
  /**
   * A consensus message (Raft, a forwarded proposal, or a fragment of either), routed to `dst`
   * over the overlay like an Ack; msgpackr body, see `src/main/consensus/transport.ts`.
   */
  Raft: 6,
  /**
   * A SWIM membership message (probe, indirect probe, ack, nack, gossip), routed to `dst` like a
   * Raft frame; msgpackr body, see `src/main/membership/codec.ts`.
   */
  Swim: 7,
  /**
   * A lane's window update (link-local, never routed): the absolute number of credited bytes the
   * receiver allows on the lane it travels on; msgpackr body, see `CreditSchema` and
   * `src/workers/dataplane/lane-credit.ts`.
   */
  Credit: 8,
  /** Client data chunk. */
  Data: 16,
} as const;

/** Union of {@link FrameType} values. */
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

const FRAME_TYPES = new Set<number>(Object.values(FrameType));

/** True when `t` is a known {@link FrameType}. */
export function isFrameType(t: number): t is FrameType {
  return FRAME_TYPES.has(t);
}

/** Frame flag bits. */
export const FrameFlag = {
  /** The payload ends with a 32-byte BLAKE3 digest of the reassembled message (last chunk). */
  Digest: 0x01,
  /**
   * The frame ends with a {@link TAG_BYTES} keyed-BLAKE3 tag under the key of its (source,
   * destination) pair (`src/shared/wire/auth.ts`). Every routed frame (ack, consensus, data) has it.
   */
  Auth: 0x02,
  /** The frame ends with its origin's {@link SIGNATURE_BYTES} ECDSA P-256 signature of the body (LSAs). */
  Signed: 0x04,
  /**
   * The payload begins with a {@link TRACE_CONTEXT_BYTES} W3C trace context (trace id 16 bytes,
   * parent span id 8, trace flags 1; https://www.w3.org/TR/trace-context/): a sampled data
   * message's OpenTelemetry trace, which every hop it crosses adds a span to. Covered by the pair tag.
   */
  Trace: 0x08,
  /**
   * A data frame its source sends again to fill a hole: the first `RTO_RESEND_BYTES` (1 MiB) of what
   * was in flight to a target on a fast reroute, and what a retransmission timeout resends
   * (src/main/streams/target-sender.ts). It rides the priority lane at every hop
   * (src/workers/dataplane/lanes.ts), so it does not queue behind the bulk backlog of the path it
   * moves to, and the hole at the target fills first. Covered by the pair tag.
   */
  Resend: 0x10,
} as const;

/** Bytes of the trace context a {@link FrameFlag.Trace} frame carries. */
export const TRACE_CONTEXT_BYTES = 25;

/** Frame types routed end to end by `dst`: each carries a pair tag ({@link FrameFlag.Auth}). */
export const ROUTED_TYPES: ReadonlySet<number> = new Set<number>([FrameType.Ack, FrameType.Raft, FrameType.Swim, FrameType.Data]);
