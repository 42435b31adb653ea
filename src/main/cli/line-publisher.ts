/**
 * `meshctl publish --stdin`: one message per input line, published as the lines arrive, so an
 * endless pipe (`tail -f log | meshctl publish --stdin ...`) publishes continuously and a file of
 * any length goes through. Lines are gathered into a batch until it holds
 * {@link LINE_BATCH_MAX_LINES} lines or {@link LINE_BATCH_MAX_BYTES} bytes, or no line came for
 * {@link LINE_LINGER_MS}; batches are published one after another in input order (at most
 * {@link LINE_BATCHES_AHEAD} waiting, after which reading pauses). Empty lines are messages with
 * an empty payload; a final line without a newline is one too. The first failed publish stops
 * reading and is the result.
 */
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

/** Most lines in one publish request. */
export const LINE_BATCH_MAX_LINES = 1000;
/** Most payload bytes in one publish request (a longer single line still goes alone). */
export const LINE_BATCH_MAX_BYTES = 4 * 1024 * 1024;
/** A partial batch is published after this long without a new line (ms). */
export const LINE_LINGER_MS = 20;
/** Batches read ahead of the publish in flight before reading pauses. */
export const LINE_BATCHES_AHEAD = 2;

/**
 * Publishes the lines of `input` through `publish(batch, index)` (index: 0, 1, ... per batch) and
 * hands each result to `onResult`, in order.
 * @returns the number of lines published.
 * @throws the first error `publish` throws (reading stops there; later lines are not published).
 */
export async function publishLines<R>(input: Readable, publish: (batch: Buffer[], index: number) => Promise<R>, onResult: (r: R) => void): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let batch: Buffer[] = [];
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let waiting = 0;
  let index = 0;
  let lines = 0;
  let failed: { err: unknown } | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!batch.length || failed) return;
    const b = batch;
    const i = index++;
    batch = [];
    bytes = 0;
    if (++waiting > LINE_BATCHES_AHEAD) rl.pause();
    chain = chain.then(async () => {
      if (failed) return;
      try {
        onResult(await publish(b, i));
        lines += b.length;
      } catch (err) {
        failed = { err };
        rl.close();
      } finally {
        if (--waiting <= LINE_BATCHES_AHEAD) rl.resume();
      }
    });
  };
  rl.on('line', (l) => {
    if (failed) return;
    const buf = Buffer.from(l);
    if (bytes + buf.length > LINE_BATCH_MAX_BYTES) flush();
    batch.push(buf);
    bytes += buf.length;
    if (batch.length >= LINE_BATCH_MAX_LINES || bytes >= LINE_BATCH_MAX_BYTES) flush();
    else timer ??= setTimeout(flush, LINE_LINGER_MS);
  });
  await new Promise<void>((resolve) => rl.once('close', resolve));
  flush();
  await chain;
  if (failed) throw (failed as { err: unknown }).err;
  return lines;
}
