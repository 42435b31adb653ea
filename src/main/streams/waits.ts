/** Waiting helpers of the source side (source.ts): the order of publish calls, cancellable waits. */
import { ErrorCode, MeshError } from '../../shared/errors.js';

/**
 * Takes a publish call's turn on its stream (`holder.sealing` chains the calls): `prev` settles
 * once the call before it has its seqs (null: none pending), and the caller calls `numbered` once
 * it has taken its own seqs, or gave up, which lets the next one go. Taken when the call arrives,
 * before anything it waits for (a key, backpressure, sealing off the thread), so seqs follow the
 * order of publish calls.
 */
export function takeTurn(holder: { sealing: Promise<void> | null }): { prev: Promise<void> | null; numbered(): void } {
  const prev = holder.sealing;
  let open = () => {};
  const tail = new Promise<void>((r) => { open = r; });
  holder.sealing = tail;
  return {
    prev,
    numbered: () => {
      open();
      if (holder.sealing === tail) holder.sealing = null;
    },
  };
}

/**
 * Resolves when `register`'s callback is called; rejects with ERR_ABORTED when `signal` aborts
 * first (a cancelled publish).
 */
export function waitUntil(signal: AbortSignal | undefined, register: (resolve: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new MeshError(ErrorCode.Aborted, 'publish cancelled'));
    const onAbort = () => reject(new MeshError(ErrorCode.Aborted, 'publish cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    register(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
