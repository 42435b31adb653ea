/**
 * Requests that do not decode. grpc-js answers a request its deserializer throws on with INTERNAL
 * and never calls the handler, so nothing is counted. meshd's service definition instead decodes
 * such a request to a marker ({@link tolerantService}); the guards and the streaming handlers
 * refuse a marker with INVALID_ARGUMENT (ERR_INVALID_ARGUMENT), counted in
 * `meshd_api_errors_total{code}` and logged like any refusal.
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { ErrorCode, MeshError } from '../../../shared/errors.js';

const UNDECODABLE = Symbol('undecodable request');

/** A request that did not decode, with why. */
interface Undecodable {
  [UNDECODABLE]: string;
}

/** `def` with every method's request deserializer answering a marker instead of throwing. */
export function tolerantService(def: ServiceDefinition): ServiceDefinition {
  const out: Record<string, unknown> = {};
  for (const [name, m] of Object.entries(def)) {
    const decode = m.requestDeserialize;
    out[name] = {
      ...m,
      requestDeserialize: (b: Buffer): unknown => {
        try {
          return decode(b);
        } catch (err) {
          return { [UNDECODABLE]: (err as Error).message } satisfies Undecodable;
        }
      },
    };
  }
  return out as ServiceDefinition;
}

/**
 * Throws for a request that did not decode.
 * @throws MeshError ERR_INVALID_ARGUMENT naming the decoder's complaint.
 */
export function assertDecoded(r: unknown): void {
  if (typeof r === 'object' && r !== null && UNDECODABLE in r) {
    throw new MeshError(ErrorCode.InvalidArgument, `request does not decode as the method's message: ${(r as Undecodable)[UNDECODABLE]}`);
  }
}
