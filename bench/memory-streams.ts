/**
 * Memory study (issue: faults, defect 8): does a node give memory back after many API streams
 * were opened and cancelled? Two nodes (source n0, target n1). Each cycle opens and cancels
 * `--calls` (default 10,000) gRPC streams against n1, in waves of `--wave` (default 500) at once:
 * a third each of SubscribeClientData (over 100 data streams, each subscriber replacing the
 * last), SubscribeMeshUpdates and PublishClientDataStream (one batch, then cancelled). After each
 * cycle the target writes a heap snapshot (a full GC first; `--heapsnapshot-signal`) and the
 * study reads its RSS and heap use from /metrics and counts the snapshot's objects by
 * constructor, printing the constructors that grew most from the first cycle to the last. Then
 * (defect 7) it sends `--updates` (default 200) mesh updates of 64 KiB and opens 40 update
 * subscribers that never read, and reports the RSS they cost.
 *
 * `npm run bench:memory` prints one JSON line: per-cycle RSS and heap (MiB), the growth, and the
 * top growing constructors.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, runIfMain, startChain } from './common.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};

/** One sample's value from a node's /metrics (0 when absent). */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const l = text.split('\n').find((x) => x.startsWith(name));
  return l ? Number(l.split(' ').pop()) : 0;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Object counts and self sizes by constructor name in a V8 heap snapshot. */
function countByConstructor(file: string): Map<string, { count: number; bytes: number }> {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const f = s.snapshot.meta.node_fields;
  const [iType, iName, iSize] = [f.indexOf('type'), f.indexOf('name'), f.indexOf('self_size')];
  const types = s.snapshot.meta.node_types[0];
  const out = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < s.nodes.length; i += f.length) {
    const type = types[s.nodes[i + iType]];
    if (type !== 'object' && type !== 'closure') continue;
    const name = `${type === 'closure' ? 'closure ' : ''}${s.strings[s.nodes[i + iName]]}`;
    const e = out.get(name) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += s.nodes[i + iSize];
    out.set(name, e);
  }
  return out;
}

async function snapshot(dir: string, pid: number, before: Set<string>): Promise<string> {
  process.kill(pid, 'SIGWINCH');
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const f = readdirSync(dir).find((x) => x.endsWith('.heapsnapshot') && !before.has(x));
    if (f) {
      // Written when the size stops changing.
      let last = -1;
      for (;;) {
        const size = readFileSync(join(dir, f)).length;
        if (size === last && size > 0) return join(dir, f);
        last = size;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }
  throw new Error('no heap snapshot');
}

export async function run(o: { calls: number; wave: number; cycles: number; updates: number }): Promise<object> {
  const snapDir = mkdtempSync(join(tmpdir(), 'meshd-heap-'));
  const cwd = process.cwd();
  process.chdir(snapDir);
  process.env.MESHD_NODE_ARGS = `${process.env.MESHD_NODE_ARGS ?? ''} --heapsnapshot-signal=SIGWINCH`;
  const chain = await startChain(1);
  process.chdir(cwd);
  try {
    const target = chain.nodes[1];
    const streams: string[] = [];
    for (let i = 0; i < 100; i++) streams.push(await chain.src.openStream('tenant-mem', [chain.target]));
    for (const s of streams) await chain.src.publish(s, [Buffer.from('x')], 'TARGETS_STORED');
    const c = target.client();
    const cycles: Array<{ rssMiB: number; heapMiB: number }> = [];
    const counts: Array<Map<string, { count: number; bytes: number }>> = [];
    const seen = new Set<string>();
    const measure = async () => {
      const file = await snapshot(snapDir, target.pid!, seen);
      seen.add(file.split('/').pop()!);
      counts.push(countByConstructor(file));
      rmSync(file);
      cycles.push({
        rssMiB: Math.round(await metric(target.metricsUrl, 'meshd_process_resident_memory_bytes') / 2 ** 20),
        heapMiB: Math.round(await metric(target.metricsUrl, 'meshd_nodejs_heap_size_used_bytes') / 2 ** 20),
      });
    };
    await measure();
    for (let cycle = 0; cycle < o.cycles; cycle++) {
      for (let done = 0; done < o.calls; done += o.wave) {
        const handles: Array<{ close(): void; done?: Promise<void> }> = [];
        const pubs: Array<Promise<unknown>> = [];
        for (let i = 0; i < o.wave; i++) {
          const k = (done + i) % 3;
          if (k === 0) handles.push(c.subscribe({ streamId: streams[(done + i) % streams.length], tenantId: 'tenant-mem', credits: 16, onMessages: () => undefined }));
          else if (k === 1) handles.push(c.subscribeUpdates('mesh', { onUpdates: () => undefined }));
          else {
            const p = c.publisher(streams[(done + i) % streams.length]);
            pubs.push(p.publish([Buffer.from('y')]).catch(() => undefined).then(() => p.cancel()));
          }
        }
        for (const h of handles) h.done?.catch(() => undefined); // replaced subscribers end with ERR_ABORTED
        await Promise.all(pubs);
        await new Promise((r) => setTimeout(r, 50));
        for (const h of handles) {
          h.done?.catch(() => undefined);
          h.close();
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 1000));
      await measure();
    }
    // Defect 7's case: 40 update subscribers that never read, over 64 KiB updates.
    const rssBefore = await metric(target.metricsUrl, 'meshd_process_resident_memory_bytes');
    for (let i = 0; i < o.updates; i++) await chain.src.sendMeshUpdate('mem', Buffer.alloc(64 * 1024, i));
    const idle = Array.from({ length: 40 }, () => c.subscribeUpdates('mesh', { window: 2048, onUpdates: () => new Promise<void>(() => undefined) }));
    for (const h of idle) h.done.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 5000));
    const idleRssMiB = Math.round((await metric(target.metricsUrl, 'meshd_process_resident_memory_bytes') - rssBefore) / 2 ** 20);
    for (const h of idle) {
      h.done.catch(() => undefined);
      h.close();
    }
    c.close();
    const first = counts[1];
    const last = counts[counts.length - 1];
    const growth = [...last].map(([name, v]) => ({ name, count: v.count - (first.get(name)?.count ?? 0), kib: Math.round((v.bytes - (first.get(name)?.bytes ?? 0)) / 1024) }))
      .sort((a, b) => b.kib - a.kib).slice(0, 8);
    return {
      bench: 'memory-streams', callsPerCycle: o.calls, wave: o.wave, cycles,
      rssGrowthMiB: cycles[cycles.length - 1].rssMiB - cycles[1].rssMiB, heapGrowthMiB: cycles[cycles.length - 1].heapMiB - cycles[1].heapMiB,
      topGrowth: growth, idleUpdateSubscribers: { subscribers: 40, updates: o.updates, updateKiB: 64, rssGrowthMiB: idleRssMiB }, machine: machine(),
    };
  } finally {
    await chain.stop();
    rmSync(snapDir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, () => run({ calls: arg('--calls', 10_000), wave: arg('--wave', 500), cycles: arg('--cycles', 4), updates: arg('--updates', 200) }));
