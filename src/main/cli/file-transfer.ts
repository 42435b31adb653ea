/**
 * Files over a client-data stream. Message 1 is a JSON header `{"kind":"file","name","size"}`,
 * then the content in messages of `chunkBytes`, then a JSON trailer `{"kind":"end","bytes","blake3"}`
 * published with ack level TARGETS_STORED, so the sender returns only once the target stored the
 * whole file. The receiver hashes what it gets and compares with the trailer.
 */
import { Blake3Hasher } from '@napi-rs/blake-hash';
import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { MeshClient } from '../api/grpc/client.js';

/** Content bytes per message when sending a file. */
export const FILE_CHUNK_BYTES = 1024 * 1024;
/** Content messages per publish request. */
export const PER_REQUEST = 4;
/** Publish requests in flight. */
export const REQUESTS_IN_FLIGHT = 8;

/** Outcome of a transfer on either side. */
export interface FileResult {
  streamId: string;
  bytes: number;
  blake3: string;
  seconds: number;
  mbPerSec: number;
}

/**
 * Sends a file from the node `client` talks to, to node `to`. `onStream` gets the stream id as
 * soon as it is open (the receiver needs it); `onProgress` gets bytes handed to the node.
 * @throws MeshError from the API (unknown target, invalid tenant, ...).
 */
export async function sendFile(client: MeshClient, o: { to: string; path: string; tenantId: string; streamId?: string; onStream?(streamId: string): void; onProgress?(bytes: number): void }): Promise<FileResult> {
  const size = statSync(o.path).size;
  const streamId = o.streamId ?? (await client.openStream(o.tenantId, [o.to]));
  o.onStream?.(streamId);
  const pub = client.publisher(streamId);
  const hasher = new Blake3Hasher();
  const t0 = performance.now();
  await pub.publish([Buffer.from(JSON.stringify({ kind: 'file', name: basename(o.path), size }))]);
  const inflight: Promise<unknown>[] = [];
  let batch: Buffer[] = [];
  let sent = 0;
  const flush = async () => {
    if (!batch.length) return;
    inflight.push(pub.publish(batch));
    batch = [];
    if (inflight.length >= REQUESTS_IN_FLIGHT) await inflight.shift();
  };
  for await (const chunk of createReadStream(o.path, { highWaterMark: FILE_CHUNK_BYTES })) {
    const b = chunk as Buffer;
    hasher.update(b);
    batch.push(b);
    sent += b.length;
    o.onProgress?.(sent);
    if (batch.length >= PER_REQUEST) await flush();
  }
  await flush();
  await Promise.all(inflight);
  const blake3 = hasher.digest('hex');
  await pub.publish([Buffer.from(JSON.stringify({ kind: 'end', bytes: size, blake3 }))], 'TARGETS_STORED');
  await pub.end();
  const seconds = (performance.now() - t0) / 1000;
  return { streamId, bytes: size, blake3, seconds, mbPerSec: size / 1e6 / seconds };
}

/**
 * Receives a file stream at the node `client` talks to, optionally writing it to `out`.
 * Resolves once the trailer arrived, the content matched it and the node stored the
 * acknowledgement of everything through the trailer: the file is acknowledged as a whole, so a
 * later receive gets the next file, and one that stopped part way (or found a mismatch) leaves the
 * whole file for the next receive.
 * @throws MeshError ERR_DIGEST_MISMATCH when the content does not match the trailer's BLAKE3,
 *   ERR_INVALID_ARGUMENT when the stream does not carry a file.
 */
export function receiveFile(client: MeshClient, o: { streamId: string; tenantId: string; out?: string; onProgress?(bytes: number, size: number): void }): Promise<FileResult> {
  return new Promise((resolve, reject) => {
    const hasher = new Blake3Hasher();
    let size = -1;
    /** The seq before the file's header (acknowledgements stay there until the file is verified). */
    let before = 0;
    let got = 0;
    let t0 = 0;
    let file: WriteStream | null = null;
    const sub = client.subscribe({
      streamId: o.streamId, tenantId: o.tenantId, credits: 64,
      onMessages: async (msgs) => {
        for (const m of msgs) {
          if (size < 0) {
            const h = JSON.parse(m.payload.toString()) as { kind?: string; size?: number };
            if (h.kind !== 'file' || typeof h.size !== 'number') throw new MeshError(ErrorCode.InvalidArgument, 'stream does not start with a file header');
            size = h.size;
            before = m.seq - 1;
            t0 = performance.now();
            if (o.out) file = createWriteStream(o.out);
          } else if (got < size) {
            hasher.update(m.payload);
            got += m.payload.length;
            if (file && !file.write(m.payload)) await new Promise<void>((r) => file!.once('drain', () => r()));
            o.onProgress?.(got, size);
          } else {
            const t = JSON.parse(m.payload.toString()) as { blake3?: string };
            const blake3 = hasher.digest('hex');
            if (file) await new Promise<void>((r) => file!.end(() => r()));
            const seconds = (performance.now() - t0) / 1000;
            if (t.blake3 !== blake3) {
              sub.close();
              reject(new MeshError(ErrorCode.DigestMismatch, `BLAKE3 mismatch: got ${blake3}, sender says ${t.blake3}`));
              return before;
            }
            // Verified and written: acknowledge through the trailer (so a second receive does not
            // get the file again), then end the call once the node stored that.
            const result = { streamId: o.streamId, bytes: got, blake3, seconds, mbPerSec: got / 1e6 / seconds };
            void sub.end().then(() => resolve(result));
            return m.seq;
          }
        }
        // Nothing of the file is acknowledged before all of it is verified: a receive that stops
        // part way leaves the whole file for the next one (the ack only grants credits).
        return before;
      },
    });
    sub.done.catch(reject);
  });
}
