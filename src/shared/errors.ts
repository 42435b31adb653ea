/**
 * Error contract shared by every thread. Each error has a stable string `code`; callers test the
 * code, never the message. Errors crossing a thread boundary travel as {@link ErrorRecord} and are
 * rebuilt with {@link fromRecord}. Codes are mapped to gRPC status codes only at the API edge
 * (`src/main/api/grpc/status.ts`).
 */

/** Stable error codes raised anywhere in meshd. */
export const ErrorCode = {
  InvalidArgument: 'ERR_INVALID_ARGUMENT',
  NotFound: 'ERR_NOT_FOUND',
  AlreadyExists: 'ERR_ALREADY_EXISTS',
  PermissionDenied: 'ERR_PERMISSION_DENIED',
  FailedPrecondition: 'ERR_FAILED_PRECONDITION',
  PayloadTooLarge: 'ERR_PAYLOAD_TOO_LARGE',
  UnknownTenant: 'ERR_UNKNOWN_TENANT',
  Unavailable: 'ERR_UNAVAILABLE',
  Aborted: 'ERR_ABORTED',
  /** A log position asked for was compacted into a snapshot. */
  Compacted: 'ERR_COMPACTED',
  ConfigInvalid: 'ERR_CONFIG_INVALID',
  FrameTruncated: 'ERR_FRAME_TRUNCATED',
  FrameTooLarge: 'ERR_FRAME_TOO_LARGE',
  FrameBadCrc: 'ERR_FRAME_BAD_CRC',
  FrameBadVersion: 'ERR_FRAME_BAD_VERSION',
  FrameBadType: 'ERR_FRAME_BAD_TYPE',
  FrameBadHeader: 'ERR_FRAME_BAD_HEADER',
  BodyMalformed: 'ERR_BODY_MALFORMED',
  DigestMismatch: 'ERR_DIGEST_MISMATCH',
  HandshakeFailed: 'ERR_HANDSHAKE_FAILED',
  /** Missing or invalid credentials. */
  Unauthenticated: 'ERR_UNAUTHENTICATED',
  /** Too many attempts from one source (join keys); retry after the delay the message names. */
  RateLimited: 'ERR_RATE_LIMITED',
  /** Stored state (a key file, a store) cannot be read or is damaged. */
  Storage: 'ERR_STORAGE',
  /** The node's stream store holds `storage.maxBytes` already: publishing waits for room. */
  StorageFull: 'ERR_STORAGE_FULL',
  /** Sealed data that does not open: wrong key or epoch, or altered bytes. */
  Decrypt: 'ERR_DECRYPT',
  Internal: 'ERR_INTERNAL',
} as const;

/** Union of every {@link ErrorCode} value. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base class of every meshd error: a stable `code`, a message for humans and an optional cause. */
export class MeshError extends Error {
  override name = 'MeshError';
  /** Stable machine-readable code, one of {@link ErrorCode}. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Plain-object form of an error, safe to send between threads or over the wire. */
export interface ErrorRecord {
  code: ErrorCode;
  message: string;
}

/** Converts any thrown value to an {@link ErrorRecord}; unknown errors become `ERR_INTERNAL`. */
export function toRecord(err: unknown): ErrorRecord {
  if (err instanceof MeshError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: ErrorCode.Internal, message };
}

/** Rebuilds a {@link MeshError} from a record received from another thread or node. */
export function fromRecord(rec: ErrorRecord): MeshError {
  return new MeshError(rec.code, rec.message);
}

/** True when `err` is a {@link MeshError} with the given code. */
export function hasCode(err: unknown, code: ErrorCode): boolean {
  return err instanceof MeshError && err.code === code;
}
