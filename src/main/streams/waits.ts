/** Waiting helpers of the source side (source.ts): publish order while sealing, cancellable waits. */
import { ErrorCode, MeshError } from '../../shared/errors.js';

/**
 * Waits for payloads sealed off the thread and for every earlier publish of the stream still
 * sealing (`holder.sealing`), so seqs follow the order of publish calls; the caller calls
 * `numbered` once it has taken its seqs (or gave up), which lets the next one go.
 */
export async function inOrder(holder: { sealing: Promise<void> | null }, sealing: Uint8Array[] | Promise<Uint8Array[]>): Promise<{ sealed: Uint8Array[]; numbered: () => void }> {
  const prev = holder.sealing;
  let open = () => {};
  const tail = new Promise<void>((r) => { open = r; });
  holder.sealing = tail;
  const numbered = () => {
    open();
    if (holder.sealing === tail) holder.sealing = null;
  };
  try {
    const [sealed] = await Promise.all([sealing, prev]);
    return { sealed, numbered };
  } catch (err) {
    numbered();
    throw err;
  }
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
