/**
 * Closing a stream at its source (CloseClientDataStream; source.ts `close`): once every publish
 * already numbered is durable, the stream's record says `closing` and the seq its end marker will
 * have, then the marker ({@link END_MESSAGE_ID}, no payload) is appended to the outbox and sent
 * like any message; a target stores nothing for it and closes the stream at that seq (target.ts).
 * Once every target acknowledged the marker, the stream's record, outbox and producer records are
 * deleted. Recording the seq before the marker means a restart appends it only if it is missing,
 * also when the outbox was already trimmed past it.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { Logger } from '../observability/logger.js';
import type { SourceStream, StoredMessage, StreamStore } from '../storage/index.js';
import type { MessageCache } from './message-cache.js';
import { END_MESSAGE_ID } from './target-sender.js';

/** The parts of a source stream's runtime a close reads and sets. */
export interface ClosingStream {
  meta: SourceStream;
  nextSeq: number;
  durableSeq: number;
  sealing: Promise<void> | null;
  failed: MeshError | null;
  endSeq?: number;
  closeWaiters: Array<() => void>;
}

/** What a close needs from the source. */
export interface CloseHost {
  store: StreamStore;
  cache: MessageCache;
  log: Logger;
  /** Sends every target what its window allows. */
  pump(rt: ClosingStream): void;
  /** Re-checks acks (which finishes the close once every target has the marker). */
  afterAck(rt: ClosingStream): void;
  /** Forgets the stream's runtime; false when it was already gone. */
  remove(rt: ClosingStream): boolean;
  onClosed?(streamId: string): void;
}

/** The refusal of a publish to a closing stream. */
export function closingError(streamId: string): MeshError {
  return new MeshError(ErrorCode.FailedPrecondition, `stream ${streamId} is closing (CloseClientDataStream): no more publishes`);
}

/** Records `closing` and the marker's seq, appends the marker (once) and sends it; see the module comment. */
export async function endMarker(h: CloseHost, rt: ClosingStream): Promise<void> {
  const streamId = rt.meta.streamId;
  while (rt.sealing || (rt.durableSeq < rt.nextSeq - 1 && !rt.failed)) await (rt.sealing ?? new Promise((r) => setTimeout(r, 5)));
  if (rt.failed) throw rt.failed;
  const stored = h.store.getSourceStream(streamId);
  let endSeq = stored?.endSeq;
  if (endSeq === undefined) {
    endSeq = rt.nextSeq;
    if (stored) await h.store.putSourceStream({ ...stored, closing: true, endSeq });
  }
  if (rt.nextSeq <= endSeq) {
    const marker: StoredMessage = { seq: endSeq, messageId: END_MESSAGE_ID, publishedAtMs: Date.now(), payload: new Uint8Array(0) };
    rt.nextSeq = endSeq + 1;
    await h.store.appendOutbox(streamId, [marker]);
    h.cache.add(streamId, [marker]);
  }
  rt.endSeq = endSeq;
  rt.durableSeq = Math.max(rt.durableSeq, endSeq);
  h.pump(rt);
  h.afterAck(rt);
}

/** Deletes a closed stream whose every target acknowledged its end marker. */
export function finishClose(h: CloseHost, rt: ClosingStream): void {
  const streamId = rt.meta.streamId;
  if (!h.remove(rt)) return;
  h.cache.forget(streamId, Number.MAX_SAFE_INTEGER);
  h.store.deleteSourceStream(streamId).then(() => {
    h.log.info({ stream_id: streamId, lastSeq: (rt.endSeq ?? 1) - 1 }, 'stream closed: every target stored it; deleted here');
    for (const w of rt.closeWaiters) w();
    rt.closeWaiters = [];
    h.onClosed?.(streamId);
  }, (err: Error) => h.log.error({ stream_id: streamId, err: err.message }, 'deleting a closed stream failed; it is deleted at the next start'));
}

/** Resolves with `done`, or rejects ERR_UNAVAILABLE after `timeoutMs` (the close goes on). */
export async function closedWithin(done: Promise<void>, streamId: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MeshError(ErrorCode.Unavailable, `stream ${streamId}: not every target has stored everything within ${timeoutMs} ms; the close completes when they have`)), timeoutMs);
  });
  try {
    await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}
