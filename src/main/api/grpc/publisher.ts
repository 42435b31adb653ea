/**
 * Publishing from the client library as an idempotent producer (README "Exactly once, retries
 * included"): every publish carries the client's producer id and a fresh request id, so the
 * source applies it once however often it is sent (`src/main/streams/producers.ts`), and a publish
 * that failed for a transient reason (ERR_UNAVAILABLE: the node restarted, the connection broke,
 * a write timed out) is sent again with the same ids, with exponential backoff and full jitter
 * (the `exponential-backoff` package).
 */
import type { ClientDuplexStream, ServiceError } from '@grpc/grpc-js';
import { backOff } from 'exponential-backoff';
import type { PublishClientDataRequest } from '../../../generated/mesh/v1/PublishClientDataRequest.js';
import type { PublishClientDataResponse__Output } from '../../../generated/mesh/v1/PublishClientDataResponse.js';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import { fromServiceError } from './status.js';

/** Attempts per publish (the first and the retries) unless told otherwise. */
export const PUBLISH_ATTEMPTS = 6;
/** First retry delay (ms); it doubles per attempt, up to {@link PUBLISH_MAX_DELAY_MS}, with full jitter. */
export const PUBLISH_FIRST_DELAY_MS = 100;
export const PUBLISH_MAX_DELAY_MS = 5_000;

/** Whether a failed publish may be sent again (with the same ids, so it is applied at most once). */
export function retryable(err: unknown): boolean {
  return err instanceof MeshError && err.code === ErrorCode.Unavailable;
}

/** Sends `attempt` until it succeeds, fails for good, or `attempts` ran out. */
export function withRetries<T>(attempt: () => Promise<T>, attempts = PUBLISH_ATTEMPTS): Promise<T> {
  return backOff(attempt, {
    numOfAttempts: attempts, startingDelay: PUBLISH_FIRST_DELAY_MS, maxDelay: PUBLISH_MAX_DELAY_MS, jitter: 'full',
    retry: (e: unknown) => retryable(e),
  });
}

/** A streaming publisher for one stream; see {@link openPublisher}. */
export interface Publisher {
  /** The producer id its publishes carry. */
  readonly producerId: string;
  /** Publishes one batch; resolves with its answer (`duplicate` when a resent batch had been applied). */
  publish(payloads: Uint8Array[], ackLevel?: 'SOURCE_DURABLE' | 'TARGETS_STORED'): Promise<PublishClientDataResponse__Output>;
  /** Ends the call after every answer arrived. */
  end(): Promise<void>;
  /** Cancels the call: unanswered publishes reject with ERR_ABORTED (each was applied once or not at all). */
  cancel(): void;
}

/** What {@link openPublisher} needs from the client. */
export interface PublisherDeps {
  open(): ClientDuplexStream<PublishClientDataRequest, PublishClientDataResponse__Output>;
  producerId: string;
  nextRequestId(): number;
  attempts?: number;
}

/**
 * A streaming publisher: batches go out in order on one call and are answered in order. When the
 * call fails with ERR_UNAVAILABLE, a new call is opened (after a backoff) and every unanswered
 * batch is sent again with its request id, in order; the source answers those it had applied
 * with their original seqs.
 */
export function openPublisher(streamId: string, d: PublisherDeps): Publisher {
  type Waiting = { req: PublishClientDataRequest; resolve(r: PublishClientDataResponse__Output): void; reject(e: MeshError): void };
  const waiting: Waiting[] = [];
  const attempts = d.attempts ?? PUBLISH_ATTEMPTS;
  let failure: MeshError | null = null;
  let failedAttempts = 0;
  let closing = false;
  let call = connect();
  let ended = endOf(call);

  function connect(): ClientDuplexStream<PublishClientDataRequest, PublishClientDataResponse__Output> {
    const c = d.open();
    c.on('data', (r: PublishClientDataResponse__Output) => {
      failedAttempts = 0;
      waiting.shift()?.resolve(r);
    });
    c.on('error', (err: ServiceError) => {
      const e = fromServiceError(err);
      if (!closing && retryable(e) && ++failedAttempts < attempts) {
        const delay = Math.min(PUBLISH_MAX_DELAY_MS, PUBLISH_FIRST_DELAY_MS * 2 ** (failedAttempts - 1)) * Math.random();
        setTimeout(() => {
          call = connect();
          ended = endOf(call);
          for (const w of waiting) call.write(w.req);
        }, delay);
        return;
      }
      failure = e;
      for (const w of waiting.splice(0)) w.reject(e);
    });
    return c;
  }

  function endOf(c: ClientDuplexStream<PublishClientDataRequest, PublishClientDataResponse__Output>): Promise<void> {
    return new Promise<void>((resolve) => c.on('end', resolve).on('close', resolve));
  }

  return {
    producerId: d.producerId,
    publish: (payloads, ackLevel = 'SOURCE_DURABLE') => new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const req: PublishClientDataRequest = { stream_id: streamId, payloads, ack_level: ackLevel, request_id: d.nextRequestId(), producer_id: d.producerId };
      waiting.push({ req, resolve, reject });
      call.write(req);
    }),
    end: async () => {
      closing = true;
      call.end();
      await ended;
    },
    cancel: () => {
      closing = true;
      call.cancel();
    },
  };
}
