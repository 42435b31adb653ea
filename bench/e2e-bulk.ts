/**
 * e2e-bulk: file replication over 1 and 2 hops (64 KiB chunks in the mesh, 1 MiB messages at the
 * API), BLAKE3 verified at the target; reports Gbit/s.
 * The sender and receiver run in this process with the heap tuning meshctl's send-file and
 * receive-file get (src/main/cli/heap.ts).
 * Each hop count sends the file twice over one chain of fresh nodes, each time on a new stream:
 * `gbitPerSec<N>hop` (`<N>hop`) is the first transfer, on nodes that just started (the figure the
 * target is held to, as in earlier runs); `gbitPerSec<N>hopWarm` (`<N>hopWarm`) is the second, on
 * nodes whose memory and compiled code the first one warmed (a running node's steady state: in
 * the seventh session of 2026-11-24 the first transfer took 45 % more CPU across the processes
 * than the next ones, most of it faulting in fresh memory; docs/BENCHMARKS.md, "Bulk throughput: profiles").
 * `node dist/bench/e2e-bulk.js [--mib N] [--hops 1|2] [--no-warm]` (`--hops`: that scenario alone;
 * `--no-warm`: the first transfer only)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { receiveFile, sendFile } from '../src/main/cli/file-transfer.js';
import { tuneHeap } from '../src/main/cli/heap.js';
import { machine, runIfMain, startChain } from './common.js';

/** Gbit/s of `bytes` moved in `seconds`, to two decimals. */
const gbit = (bytes: number, seconds: number) => Math.round((bytes * 8) / seconds / 1e7) / 100;

/**
 * Replicates a random file of `mib` MiB over each hop count: once on fresh nodes and, unless
 * `warm` is false, once more over the same chain (see the module comment).
 */
export async function run(o: { mib: number; hops: number[]; warm?: boolean } = { mib: 256, hops: [1, 2] }): Promise<object> {
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
        for (const key of o.warm === false ? [`${hops}hop`] : [`${hops}hop`, `${hops}hopWarm`]) {
          const streamId = await chain.src.openStream('bulk', [chain.target]);
          const [sent, got] = await Promise.all([
            sendFile(chain.src, { to: chain.target, path: file, tenantId: 'bulk', streamId }),
            receiveFile(chain.dst, { streamId, tenantId: 'bulk' }),
          ]);
          if (sent.blake3 !== got.blake3) throw new Error('BLAKE3 mismatch');
          results[key] = { bytes: sent.bytes, seconds: Math.round(sent.seconds * 1000) / 1000, gbitPerSec: gbit(sent.bytes, sent.seconds), blake3Verified: true };
        }
      } finally {
        await chain.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const of = (key: string) => (results[key] as { gbitPerSec?: number } | undefined)?.gbitPerSec;
  return {
    bench: 'e2e-bulk', chunkBytes: 65536, gbitPerSec1hop: of('1hop'), gbitPerSec2hop: of('2hop'),
    gbitPerSec1hopWarm: of('1hopWarm'), gbitPerSec2hopWarm: of('2hopWarm'), targetGbitPerSec1hop: 1.0,
    ratio1hopToTarget: of('1hop') === undefined ? undefined : Math.round((of('1hop')! / 1.0) * 100) / 100, ...results, machine: machine(),
  };
}

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
runIfMain(import.meta.url, async () => {
  const at = process.argv.indexOf('--hops');
  const hops = at > 0 ? [Number(process.argv[at + 1])] : [1, 2];
  if (!hops.every((h) => Number.isInteger(h) && h >= 1 && h <= 8)) throw new RangeError(`--hops must be an integer in 1..8, got ${process.argv[at + 1]}`);
  return run({ mib: arg('--mib', 256), hops, warm: !process.argv.includes('--no-warm') });
});
