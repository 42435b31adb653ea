/**
 * e2e-bulk: file replication over 1 and 2 hops (64 KiB chunks in the mesh, 1 MiB messages at the
 * API), BLAKE3 verified at the target; reports Gbit/s.
 * The sender and receiver run in this process with the heap tuning meshctl's send-file and
 * receive-file get (src/main/cli/heap.ts).
 * `node dist/bench/e2e-bulk.js [--mib N] [--hops 1|2]` (`--hops`: that scenario alone)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { receiveFile, sendFile } from '../src/main/cli/file-transfer.js';
import { tuneHeap } from '../src/main/cli/heap.js';
import { machine, runIfMain, startChain } from './common.js';

/** Replicates a random file of `mib` MiB over each hop count. */
export async function run(o = { mib: 256, hops: [1, 2] }): Promise<object> {
  tuneHeap();
  const dir = mkdtempSync(join(tmpdir(), 'meshd-bulk-'));
  const file = join(dir, 'bulk.bin');
  const chunk = randomBytes(1024 * 1024);
  writeFileSync(file, Buffer.concat(Array.from({ length: o.mib }, () => chunk)));
  const results: Record<string, object> = {};
  try {
    for (const hops of o.hops) {
      const chain = await startChain(hops);
      try {
        const streamId = await chain.src.openStream('bulk', [chain.target]);
        const [sent, got] = await Promise.all([
          sendFile(chain.src, { to: chain.target, path: file, tenantId: 'bulk', streamId }),
          receiveFile(chain.dst, { streamId, tenantId: 'bulk' }),
        ]);
        if (sent.blake3 !== got.blake3) throw new Error('BLAKE3 mismatch');
        results[`${hops}hop`] = { bytes: sent.bytes, seconds: Math.round(sent.seconds * 1000) / 1000, gbitPerSec: Math.round((sent.bytes * 8) / sent.seconds / 1e7) / 100, blake3Verified: true };
      } finally {
        await chain.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const gbit = (h: number) => (results[`${h}hop`] as { gbitPerSec?: number } | undefined)?.gbitPerSec;
  return {
    bench: 'e2e-bulk', chunkBytes: 65536, gbitPerSec1hop: gbit(1), gbitPerSec2hop: gbit(2), targetGbitPerSec1hop: 1.0,
    ratio1hopToTarget: gbit(1) === undefined ? undefined : Math.round((gbit(1)! / 1.0) * 100) / 100, ...results, machine: machine(),
  };
}

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
runIfMain(import.meta.url, async () => {
  const at = process.argv.indexOf('--hops');
  const hops = at > 0 ? [Number(process.argv[at + 1])] : [1, 2];
  if (!hops.every((h) => Number.isInteger(h) && h >= 1 && h <= 8)) throw new RangeError(`--hops must be an integer in 1..8, got ${process.argv[at + 1]}`);
  return run({ mib: arg('--mib', 256), hops });
});
