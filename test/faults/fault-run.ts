/**
 * One run of the fault-injection suite: three real meshd processes in a line (hub = source,
 * worker = transit, trainer = target; all three Raft voters), an idempotent producer publishing
 * batches with TARGETS_STORED, a subscriber that applies messages keyed by message id (as the
 * README tells applications to), mesh updates from random nodes, and a schedule of faults drawn
 * from the seed: kill -9 of the source, transit, target or Raft leader in the middle of a
 * publish; damage to a stopped node's files (truncation, random pages, a lost Raft tail, both
 * stores lost) followed by `meshd repair` when the node refuses to start; the loss of the
 * transit node's whole data directory, identity included, followed by what the README says to do
 * then (a path from the target to the source, since the lost node was their only one; evict it;
 * join a new node in its place); a full disk at the
 * target (`--storage-max-bytes` below what it holds, for a few seconds); a flipped payload
 * byte in the target's inbox; stalled and slow subscribers. Every failed publish or update is retried
 * with the same ids. Afterwards the invariants are checked (see {@link checkRun}).
 */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { MeshClient } from '../../src/main/api/grpc/client.js';
import { rmSync } from 'node:fs';
import { LocalNode, nodeSpec } from '../../src/main/cli/local-mesh.js';
import { Rng } from '../sim/rng.js';
import { meshUpdates } from '../helpers/five.js';
import { metric, sleep, startLine, waitFor, type Line } from '../helpers/cluster.js';
import { damage, flipInboxRecord, inboxSeqs, type DamageKind } from './damage.js';

const MESHD = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'main', 'cli', 'meshd.js');

/** Memory bound checked on every node at the end of a run (resident set, bytes). */
export const RSS_BOUND_BYTES = 512 * 1024 * 1024;

/** The faults a run draws from. */
export const FAULTS = ['kill-source', 'kill-transit', 'kill-target', 'kill-leader', 'damage-transit', 'wipe-transit', 'lose-transit-dir', 'full-target', 'stall-subscriber', 'slow-subscriber', 'flip-target'] as const;
export type Fault = typeof FAULTS[number];

/** Outcome of one run. */
export interface RunResult {
  seed: number;
  faults: string[];
  batches: number;
  acked: number;
  applied: number;
  redelivered: number;
  updates: number;
  repairs: number;
  refusals: number;
  maxRssBytes: number;
  ms: number;
  violations: string[];
}

interface Acked {
  firstSeq: number;
  messageIds: string[];
  payloads: string[];
}

const BATCH = 20;
const tenant = 'tenant-faults';

/** Retries `fn` (same ids each time) until it succeeds or `ms` pass. */
async function persist<T>(what: string, fn: () => Promise<T>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: still failing after ${ms} ms: ${(err as Error).message}`);
      await sleep(200);
    }
  }
}

function runRepair(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [MESHD, 'repair', '--data-dir', dataDir, '--json'], { timeout: 120_000 }, (err, stdout, stderr) => {
      res({ code: err ? (err as { code?: number }).code ?? 1 : 0, stdout, stderr });
    });
  });
}

/** The subscriber: applies each message once, keyed by message id, and resubscribes after errors. */
class Consumer {
  readonly applied = new Map<string, { seq: number; payload: string }>();
  readonly order: number[] = [];
  redelivered = 0;
  stoppedWith: MeshError | null = null;
  slowUntil = 0;
  private stallUntil = 0;
  private sub: { close(): void } | null = null;
  private running = true;
  private loop: Promise<void>;

  constructor(private readonly line: Line, private readonly streamId: string, private readonly violations: string[]) {
    this.loop = this.run();
  }

  stall(ms: number): void {
    this.stallUntil = Date.now() + ms;
    this.sub?.close();
  }

  resume(): void {
    this.stallUntil = 0;
  }

  private async run(): Promise<void> {
    while (this.running && !this.stoppedWith) {
      if (Date.now() < this.stallUntil || !this.line.trainer.running) {
        await sleep(100);
        continue;
      }
      let c: MeshClient;
      try {
        c = this.line.trainer.client();
      } catch {
        await sleep(100);
        continue;
      }
      const err = await new Promise<unknown>((res) => {
        const sub = c.subscribe({
          streamId: this.streamId, tenantId: tenant, credits: 64,
          onMessages: async (msgs) => {
            if (Date.now() < this.slowUntil) await sleep(30);
            for (const m of msgs) this.take(Number(m.seq), m.message_id, Buffer.from(m.payload).toString());
          },
        });
        this.sub = sub;
        sub.done.then(() => res(null), res);
      });
      c.close();
      if (err instanceof MeshError && err.code === ErrorCode.Storage) this.stoppedWith = err;
      else await sleep(100);
    }
  }

  private take(seq: number, id: string, payload: string): void {
    const prior = this.applied.get(id);
    if (prior) {
      this.redelivered++;
      if (prior.seq !== seq || prior.payload !== payload) this.violations.push(`message ${id} redelivered as seq ${seq} with other content`);
      return;
    }
    const last = this.order.at(-1) ?? 0;
    if (seq !== last + 1) {
      if (seq <= last) this.violations.push(`seq ${seq} delivered again under a new message id ${id}`);
      else this.violations.push(`gap: seq ${seq} after ${last}`);
    }
    this.applied.set(id, { seq, payload });
    this.order.push(seq);
  }

  async close(): Promise<void> {
    this.running = false;
    this.sub?.close();
    await this.loop;
  }
}

/** Runs one seeded schedule; never throws for a violated invariant (they are in the result). */
export async function runFaults(seed: number, batches = 24): Promise<RunResult> {
  const t0 = Date.now();
  const rng = new Rng(seed);
  const violations: string[] = [];
  const faults: string[] = [];
  const damagedNodes = new Set<string>();
  let flippedSeq = 0;
  let repairs = 0;
  let refusals = 0;
  const line = await startLine();
  const nodes: Record<string, LocalNode> = { hub: line.hub, worker: line.worker, trainer: line.trainer };
  /** Nodes this run started itself (a replacement of a lost one), stopped at the end. */
  const extra: LocalNode[] = [];
  try {
    const streamId = await line.h.openStream(tenant, ['trainer']);
    const producer = new MeshClient(line.hub.grpcAddress, line.hub.credentials(), { producerId: `faults-${seed}` });
    const consumer = new Consumer(line, streamId, violations);
    const acked: Acked[] = [];
    const updates: Array<{ index: number; payload: string }> = [];
    // The schedule: three faults at distinct batches; a flipped inbox byte only as the last one.
    const plan = new Map<number, Fault>();
    // Two batches apart at least, so a background fault (a full disk) has a batch to hold up.
    const slots: number[] = [];
    for (const c of rng.shuffle(Array.from({ length: batches - 2 }, (_, i) => i + 1))) {
      if (slots.length < 3 && slots.every((x) => Math.abs(x - c) >= 2)) slots.push(c);
    }
    slots.sort((x, y) => x - y);
    for (const [i, b] of slots.entries()) {
      const pool = FAULTS.filter((f) => f !== 'flip-target' || i === slots.length - 1);
      plan.set(b, rng.pick(pool));
    }

    /** Starts a node; on a refusal (exit 3) runs meshd repair and starts it again. */
    const restart = async (name: string) => {
      const n = nodes[name];
      try {
        await n.start();
      } catch (err) {
        const exit = n.unexpectedExits.at(-1);
        if (exit?.code !== 3) throw err;
        refusals++;
        const r = await runRepair(n.spec.dataDir);
        if (r.code !== 0) throw new Error(`meshd repair of ${name} failed (${r.code}): ${r.stderr}`);
        repairs++;
        await n.start();
      }
    };

    /** Applies `f`; a fault that lasts while publishing goes on returns its remainder. */
    const doFault = async (f: Fault, publishing: Promise<unknown>): Promise<{ rest: Promise<void> } | undefined> => {
      faults.push(f);
      switch (f) {
        case 'kill-source': case 'kill-transit': case 'kill-target': case 'kill-leader': {
          const name = f === 'kill-source' ? 'hub' : f === 'kill-transit' ? 'worker' : f === 'kill-target' ? 'trainer'
            : (await persist('leader', async () => {
              const l = (await line.h.status()).consensus?.leader;
              const role = Object.keys(nodes).find((k) => nodes[k].spec.id === l);
              if (!role) throw new Error('no leader yet');
              return role;
            }));
          await sleep(rng.int(40));
          await nodes[name].kill('SIGKILL');
          faults[faults.length - 1] += `(${name})`;
          await sleep(rng.int(500));
          await restart(name);
          return;
        }
        case 'damage-transit': case 'wipe-transit': {
          await publishing.catch(() => undefined);
          await nodes.worker.kill(rng.chance(0.5) ? 'SIGKILL' : 'SIGTERM');
          const kind: DamageKind = f === 'wipe-transit' ? 'wipe' : rng.pick(['truncate', 'pages', 'raft-tail'] as const);
          faults[faults.length - 1] += `(${await damage(nodes.worker.spec.dataDir, kind, rng)})`;
          damagedNodes.add('worker');
          await restart('worker');
          return;
        }
        case 'flip-target': {
          // Stalled, so this batch stays in the target's inbox, unconsumed, for the damage.
          consumer.stall(120_000);
          await publishing.catch(() => undefined);
          await line.trainer.stop();
          const seqs = inboxSeqs(line.trainer.spec.dataDir, streamId);
          const seq = seqs.length ? seqs[rng.int(seqs.length)] : 0;
          if (seq && await flipInboxRecord(line.trainer.spec.dataDir, streamId, seq)) {
            faults[faults.length - 1] += `(seq ${seq})`;
            damagedNodes.add('trainer');
            flippedSeq = seq;
          }
          await restart('trainer');
          consumer.resume();
          return;
        }
        case 'lose-transit-dir': {
          // The whole data dir, identity included: no repair can bring the node back. Evict it
          // from another member, then a new node (new id and keys, same mesh address, so the
          // target's dialer finds it) joins in its place.
          await publishing.catch(() => undefined);
          const old = nodes.worker;
          await old.kill('SIGKILL');
          rmSync(old.spec.dataDir, { recursive: true, force: true });
          // In this line the lost node was the only path between source and target, so neither
          // side has a majority to evict it: the operator gives the target a path to the source.
          await line.trainer.stop();
          line.trainer.spec.peers = [line.hub.meshAddress, ...line.trainer.spec.peers];
          await restart('trainer');
          await persist('evict the lost node', () => line.h.evict(old.spec.id, 'data dir lost'));
          const id = `${old.spec.id.split('-')[0]}-${faults.length}`;
          const fresh = new LocalNode({ ...nodeSpec(id, join(line.dir, id), [line.hub.meshAddress]), meshPort: old.spec.meshPort });
          extra.push(fresh);
          await fresh.start();
          const c = fresh.client();
          try {
            await persist('join the replacement', () => c.join(line.hub.meshAddress, line.key, line.fingerprint));
          } finally {
            c.close();
          }
          nodes.worker = fresh;
          faults[faults.length - 1] += `(replaced by ${id})`;
          return;
        }
        case 'full-target': {
          // A disk with no room left (a limit below what the store holds) from now on; the
          // publishes that follow wait for room, until the disk is replaced in the background.
          await publishing.catch(() => undefined);
          await line.trainer.stop();
          line.trainer.spec.extraArgs = ['--storage-max-bytes', '4096'];
          await restart('trainer');
          const at = faults.length - 1;
          // Wrapped: an async function returning a bare promise would wait for it.
          return { rest: (async () => {
            // Full until it has refused something (the source re-sends after its RTO), at most 10 s.
            const refusedNow = () => metric(line.trainer.metricsUrl, 'meshd_stream_messages_dropped_total{reason="storage_full"}');
            const until = Date.now() + 10_000;
            while (Date.now() < until && await refusedNow() === 0) await sleep(200);
            await sleep(rng.int(1500));
            faults[at] += `(${await refusedNow()} arrivals refused while full)`;
            await line.trainer.stop();
            line.trainer.spec.extraArgs = [];
            await restart('trainer');
          })() };
        }
        case 'stall-subscriber':
          consumer.stall(1000 + rng.int(2000));
          return;
        case 'slow-subscriber':
          consumer.slowUntil = Date.now() + 2000 + rng.int(3000);
          return;
      }
    };

    let background: Promise<void> = Promise.resolve();
    for (let b = 1; b <= batches; b++) {
      const texts = Array.from({ length: BATCH }, (_, i) => `s${seed}-b${b}-m${i}`);
      const publishing = persist(`publish batch ${b}`, () => producer.publish(streamId, texts.map((t) => Buffer.from(t)), 'TARGETS_STORED', { requestId: b }), 90_000);
      publishing.catch(() => undefined); // awaited below; a fault that throws must not leave it unhandled
      const f = plan.get(b);
      if (f) {
        await background; // one fault at a time
        background = (await doFault(f, publishing))?.rest ?? Promise.resolve();
        background.catch(() => undefined); // awaited later; must not go unhandled if the run fails first
      }
      const r = await publishing;
      acked.push({ firstSeq: Number(r.first_seq), messageIds: r.message_ids, payloads: texts });
      if (b % 4 === 0) {
        const from = rng.pick(['hub', 'worker', 'trainer'].filter((n) => nodes[n].running));
        const c = nodes[from].client();
        try {
          const payload = `u${seed}-${b}`;
          const u = await persist(`update ${payload}`, () => c.sendMeshUpdate('faults', Buffer.from(payload), `faults-${seed}-${b}`));
          updates.push({ index: Number(u.index), payload });
        } finally {
          c.close();
        }
      }
    }
    await background;
    producer.close();

    // Invariants. Messages: seqs 1..N in publish order, each published once (retries included).
    let expected = 1;
    for (const a of acked) {
      if (a.firstSeq !== expected) violations.push(`batch published at seq ${a.firstSeq}, expected ${expected} (a retry published twice?)`);
      expected = a.firstSeq + a.payloads.length;
    }
    const total = acked.reduce((n, a) => n + a.payloads.length, 0);
    const flipped = damagedNodes.has('trainer');
    await waitFor(() => consumer.applied.size >= total || consumer.stoppedWith !== null, 'the subscriber applied every acknowledged message', 90_000)
      .catch((err: Error) => violations.push(err.message));
    await sleep(300);
    await consumer.close();
    if (consumer.stoppedWith && !flipped) violations.push(`stream stopped without damage to the target: ${consumer.stoppedWith.message}`);
    // Everything before the damaged record arrived (it may itself have been applied before the
    // damage, if the subscriber's acknowledgement was not stored yet).
    if (consumer.stoppedWith && flipped && consumer.applied.size < flippedSeq - 1) {
      violations.push(`stream stopped after ${consumer.applied.size} messages, before the damaged record (seq ${flippedSeq})`);
    }
    const bySeq = new Map<number, { id: string; payload: string }>();
    for (const a of acked) a.payloads.forEach((p, i) => bySeq.set(a.firstSeq + i, { id: a.messageIds[i], payload: p }));
    for (const [id, m] of consumer.applied) {
      const want = bySeq.get(m.seq);
      if (!want) violations.push(`seq ${m.seq} delivered but never acknowledged to the producer`);
      else if (want.id !== id || want.payload !== m.payload) violations.push(`seq ${m.seq} delivered as ${id} "${m.payload}", published as ${want.id} "${want.payload}"`);
    }
    if (!consumer.stoppedWith && consumer.applied.size !== total) violations.push(`applied ${consumer.applied.size} of ${total} acknowledged messages`);

    // Updates: every acknowledged one on every member, once, at the same index, in one order.
    const maxIndex = Math.max(0, ...updates.map((u) => u.index));
    const logs: Array<Array<[number, string]>> = [];
    for (const name of ['hub', 'worker', 'trainer']) {
      const c = nodes[name].client();
      try {
        logs.push(await meshUpdates(c, (seen) => seen.some(([i]) => i >= maxIndex), 60_000));
      } catch (err) {
        violations.push(`${name}: updates through ${maxIndex} not all there: ${(err as Error).message}`);
        logs.push([]);
      } finally {
        c.close();
      }
    }
    for (const [k, log] of logs.entries()) {
      for (const u of updates) {
        const hits = log.filter(([i, p]) => i === u.index && p === u.payload).length;
        const copies = log.filter(([, p]) => p === u.payload).length;
        if (hits !== 1 || copies !== 1) violations.push(`node ${k}: update ${u.payload} (index ${u.index}) present ${copies} times, ${hits} at its index`);
      }
      const mine = log.filter(([i]) => i <= maxIndex).map(([i, p]) => `${i}:${p}`).join(',');
      const first = logs[0].filter(([i]) => i <= maxIndex).map(([i, p]) => `${i}:${p}`).join(',');
      if (logs[0].length && log.length && mine !== first) violations.push(`node ${k}: update order differs from node 0`);
    }

    // Exits: never by a signal we did not send; a refusal (exit 3) only on a damaged node.
    for (const [name, n] of Object.entries(nodes)) {
      for (const e of n.unexpectedExits) {
        if (e.signal) violations.push(`${name} died by ${e.signal}`);
        else if (e.code !== 3 || !damagedNodes.has(name)) violations.push(`${name} exited with ${e.code}`);
      }
    }
    // Memory.
    let maxRssBytes = 0;
    for (const [name, n] of Object.entries(nodes)) {
      const rss = await metric(n.metricsUrl, 'meshd_process_resident_memory_bytes').catch(() => 0);
      maxRssBytes = Math.max(maxRssBytes, rss);
      if (rss > RSS_BOUND_BYTES) violations.push(`${name}: RSS ${Math.round(rss / 2 ** 20)} MiB above the bound`);
    }
    return {
      seed, faults, batches, acked: total, applied: consumer.applied.size, redelivered: consumer.redelivered, updates: updates.length,
      repairs, refusals, maxRssBytes, ms: Date.now() - t0, violations,
    };
  } catch (err) {
    violations.push(`run failed: ${(err as Error).stack ?? String(err)}`);
    for (const [name, n] of Object.entries(nodes)) if (!n.running) violations.push(`${name} logs:\n${n.logs().split('\n').slice(-15).join('\n')}`);
    return { seed, faults, batches, acked: 0, applied: 0, redelivered: 0, updates: 0, repairs, refusals, maxRssBytes: 0, ms: Date.now() - t0, violations };
  } finally {
    await Promise.all(extra.map((n) => n.stop()));
    await line.stop();
  }
}
