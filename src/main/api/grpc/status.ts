/**
 * Maps meshd error codes to gRPC status codes, only here at the API edge. The meshd code travels
 * in the trailing metadata key {@link ERROR_CODE_KEY}.
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ErrorCode, MeshError, toRecord, type ErrorCode as Code } from '../../../shared/errors.js';

/** Metadata key carrying meshd's stable error code. */
export const ERROR_CODE_KEY = 'meshd-error-code';

const MAP: Record<Code, status> = {
  [ErrorCode.InvalidArgument]: status.INVALID_ARGUMENT,
  [ErrorCode.NotFound]: status.NOT_FOUND,
  [ErrorCode.AlreadyExists]: status.ALREADY_EXISTS,
  [ErrorCode.PermissionDenied]: status.PERMISSION_DENIED,
  [ErrorCode.FailedPrecondition]: status.FAILED_PRECONDITION,
  [ErrorCode.PayloadTooLarge]: status.RESOURCE_EXHAUSTED,
  [ErrorCode.UnknownTenant]: status.NOT_FOUND,
  [ErrorCode.Unavailable]: status.UNAVAILABLE,
  [ErrorCode.Aborted]: status.ABORTED,
  [ErrorCode.Compacted]: status.OUT_OF_RANGE,
  [ErrorCode.ConfigInvalid]: status.INVALID_ARGUMENT,
  [ErrorCode.FrameTruncated]: status.INVALID_ARGUMENT,
  [ErrorCode.FrameTooLarge]: status.INVALID_ARGUMENT,
  [ErrorCode.FrameBadCrc]: status.INVALID_ARGUMENT,
  [ErrorCode.FrameBadVersion]: status.INVALID_ARGUMENT,
  [ErrorCode.FrameBadType]: status.INVALID_ARGUMENT,
  [ErrorCode.FrameBadHeader]: status.INVALID_ARGUMENT,
  [ErrorCode.BodyMalformed]: status.INVALID_ARGUMENT,
  [ErrorCode.DigestMismatch]: status.DATA_LOSS,
  [ErrorCode.HandshakeFailed]: status.UNAVAILABLE,
  [ErrorCode.Unauthenticated]: status.UNAUTHENTICATED,
  [ErrorCode.RateLimited]: status.RESOURCE_EXHAUSTED,
  [ErrorCode.Storage]: status.DATA_LOSS,
  [ErrorCode.StorageFull]: status.RESOURCE_EXHAUSTED,
  [ErrorCode.Decrypt]: status.DATA_LOSS,
  [ErrorCode.Internal]: status.INTERNAL,
};

/** A gRPC error for any thrown value (unknown errors become INTERNAL / ERR_INTERNAL). */
export function toServiceError(err: unknown): Partial<ServiceError> & { code: status } {
  const rec = toRecord(err);
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_KEY, rec.code);
  return { code: MAP[rec.code] ?? status.INTERNAL, details: rec.message, message: rec.message, metadata };
}

/** Rebuilds a MeshError on the client side from a gRPC error. */
export function fromServiceError(err: ServiceError): MeshError {
  const code = err.metadata?.get(ERROR_CODE_KEY)?.[0];
  const known = (Object.values(ErrorCode) as string[]).includes(String(code));
  return new MeshError(known ? (code as Code) : ErrorCode.Unavailable, err.details || err.message, { cause: err });
}
