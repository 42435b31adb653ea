/**
 * `npm run bench:reroute`: fast reroute on the diamond (test/helpers/diamond.ts: a-b-d and a-c-d,
 * the a-b link through a relay that can cut it). A bulk stream a -> d runs the whole time (256 KiB
 * messages from four publish loops, striped over both paths); the a-b link is cut 20 times, 10 by
 * closing it and 10 by blackholing it (nothing passes, nothing closes), and restored after each cut.
 *
 * Per cut: `rerouteMs`, what node a's meshd_reroute_seconds records (from the cut, or for a silent
 * link from its last frame received, to the first ack, cumulative or selective, that covers the
 * oldest message the cut may have lost: its resend reached d; cuts with nothing in flight record
 * nothing), `inOrderMs` (meshd_reroute_in_order_seconds: to the first cumulative ack that covers
 * it, when d had everything before it too; `closeInOrderP50Ms`, `closeInOrderP99Ms`,
 * `blackholeInOrderMaxMs`), `completeMs`
 * (meshd_reroute_complete_seconds: until everything in flight at the cut was acknowledged), and
 * `stallMs`, the longest gap between two deliveries at d's subscriber in the 3 s after the cut.
 * The publishers and the subscriber run in a process of their own (`bench/reroute-load.ts`), so
 * the relays here forward without waiting behind the clients' gRPC work.
 * The stream runs 3 s before the first cut, so the cuts meet it in steady state. Each cut waits
 * until at least 256 KiB passed over a-b in 200 ms, so the restored link carries data. Links use a
 * 50 ms heartbeat and are declared dead after 250 ms of silence (`--heartbeat-ms 50
 * --dead-after-ms 250`), so a blackhole is found within 300 ms. `streamMBps` is the rate the
 * stream ran at, cuts included: the publishers are unthrottled, so it is the load the cuts met;
 * `--pace-mbps R` offers R MB/s instead (`--cuts N`: cuts of each kind; `--warm-up-ms T`: stream time
 * before the first cut, default 3000). `suspicions`: neighbors
 * suspected over the run, summed over the four nodes (`meshd_link_suspicions_total`; a blackhole
 * is suspected at both ends of the cut link, so 2 per blackhole cut is the floor);
 * `suspicionsCleared`: those heard again before the dead verdict (false suspicions; a suspicion's
 * resend is timed as a reroute only when the dead verdict confirms it); `ackCopiesAtD`: acks d also
 * sent over its second path toward a (`meshd_ack_copies_total`; 0 when d's precomputed set toward a
 * holds one hop only); `uturns`: transit frames sent to an alternate because they came back from
 * the next hop (`meshd_frames_uturned_total`, summed over the four nodes). One JSON line:
 * `{"bench":"reroute","closeP50Ms":..,"closeP99Ms":..,"blackholeP50Ms":..,"blackholeMaxMs":..}`.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machine, runIfMain } from './common.js';
import type { LoadEndpoint, LoadOptions } from './reroute-load.js';
import { startDiamond } from '../test/helpers/diamond.js';
import { metric, sleep, waitFor } from '../test/helpers/cluster.js';

const SIZE = 256 * 1024;
/** Stream time before the first cut (ms; `--warm-up-ms`). */
const WARM_UP_MS = 3000;

function q(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
}

/** MB/s delivered at d between its first and last delivery (cuts included): the load the cuts ran under. */
function rateOf(deliveries: number[]): number {
  if (deliveries.length < 2) return 0;
  return Math.round(((deliveries.length * SIZE) / 1e6 / ((deliveries[deliveries.length - 1] - deliveries[0]) / 1000)) * 10) / 10;
}

/**
 * Runs `cuts` cuts of each kind. `paceMBps` (0: unthrottled) offers the stream at that rate
 * instead: each of the four publish loops sends its next request (1 MiB) on a timer.
 */
export async function run(o: { cuts: number; paceMBps?: number; warmUpMs?: number } = { cuts: 10 }): Promise<object> {
  const dm = await startDiamond({ extraArgs: ['--heartbeat-ms', '50', '--dead-after-ms', '250'] });
  let deliveries: number[] = [];
  let suspicions = 0;
  let suspicionsCleared = 0;
  let ackCopiesAtD = 0;
  let uturns = 0;
  const cuts: Array<{ kind: 'close' | 'blackhole'; at: number }> = [];
  const out = {
    close: [] as number[], blackhole: [] as number[], closeComplete: [] as number[], blackholeComplete: [] as number[],
    closeInOrder: [] as number[], blackholeInOrder: [] as number[],
    closeStall: [] as number[], blackholeStall: [] as number[],
  };
  let load: ReturnType<typeof fork> | undefined;
  try {
    const { ca, a } = dm;
    const streamId = await ca.openStream('bulk', ['d']);
    // The publishers and the subscriber run in their own process (reroute-load.ts): this one
    // keeps the relays, whose forwarding must not wait behind the clients' gRPC work.
    const endpoint = (n: typeof dm.a): LoadEndpoint => ({ address: n.grpcAddress, caFile: n.files!.caFile, tokenFile: n.files!.tokenFile });
    const lo: LoadOptions = { a: endpoint(dm.a), d: endpoint(dm.d), streamId, size: SIZE, paceMBps: o.paceMBps ?? 0 };
    const child = fork(fileURLToPath(new URL('./reroute-load.js', import.meta.url)), [JSON.stringify(lo)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    load = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the load process exited (${code})`))));
    exited.catch(() => undefined); // after the last message it exits by design
    const message = <T>(key: string) => Promise.race([exited, new Promise<T>((resolve) => child.on('message', (m: Record<string, unknown>) => { if (key in m) resolve(m as T); }))]);
    await message<{ ready: true }>('ready');
    // The first cut meets a stream in steady state: its first second still grows windows, warms up
    // JIT code and moves routes as the first link measurements arrive (a trace showed a route move
    // 256 ms before the first cut with seqs 21-50 in flight and merged into its measure).
    await sleep(o.warmUpMs ?? WARM_UP_MS);
    const hist = async () => ({
      n: await metric(a.metricsUrl, 'meshd_reroute_seconds_count'), s: await metric(a.metricsUrl, 'meshd_reroute_seconds_sum'),
      cn: await metric(a.metricsUrl, 'meshd_reroute_complete_seconds_count'), cs: await metric(a.metricsUrl, 'meshd_reroute_complete_seconds_sum'),
      on: await metric(a.metricsUrl, 'meshd_reroute_in_order_seconds_count'), os: await metric(a.metricsUrl, 'meshd_reroute_in_order_seconds_sum'),
    });
    for (const kind of ['close', 'blackhole'] as const) {
      for (let i = 0; i < o.cuts; i++) {
        await waitFor(async () => (await ca.status()).links.some((l) => l.peer === 'b'), 'a-b link up', 30_000);
        await sleep(1000);
        // Cut only while data flows over a-b (the routes take the restored link back after their
        // hysteresis); a cut with nothing in flight there has nothing to reroute.
        await waitFor(async () => { const b0 = dm.ab.bytes; await sleep(200); return dm.ab.bytes - b0 >= 256 * 1024; }, 'data over a-b', 20_000).catch(() => undefined);
        const before = await hist();
        const cutAt = Date.now();
        if (kind === 'close') dm.ab.close(); else dm.ab.blackhole();
        cuts.push({ kind, at: cutAt });
        const after = await waitFor(async () => { const h = await hist(); return h.n > before.n ? h : null; }, 'reroute measured', 10_000).catch(() => null);
        await sleep(Math.max(0, cutAt + 3000 - Date.now()));
        if (after) out[kind].push(Math.round(((after.s - before.s) / (after.n - before.n)) * 1000));
        const done = await hist();
        if (done.cn > before.cn) out[kind === 'close' ? 'closeComplete' : 'blackholeComplete'].push(Math.round(((done.cs - before.cs) / (done.cn - before.cn)) * 1000));
        if (done.on > before.on) out[kind === 'close' ? 'closeInOrder' : 'blackholeInOrder'].push(Math.round(((done.os - before.os) / (done.on - before.on)) * 1000));
        dm.ab.restore();
      }
    }
    const done = message<{ deliveries: number[] }>('deliveries');
    child.send('stop');
    deliveries = (await done).deliveries;
    for (const c of cuts) {
      const window = deliveries.filter((t) => t >= c.at && t <= c.at + 3000);
      let gap = window.length ? window[0] - c.at : 3000;
      for (let k = 1; k < window.length; k++) gap = Math.max(gap, window[k] - window[k - 1]);
      out[c.kind === 'close' ? 'closeStall' : 'blackholeStall'].push(gap);
    }
    for (const n of [dm.a, dm.b, dm.c, dm.d]) {
      suspicions += await metric(n.metricsUrl, 'meshd_link_suspicions_total');
      suspicionsCleared += await metric(n.metricsUrl, 'meshd_link_suspicions_cleared_total');
      uturns += await metric(n.metricsUrl, 'meshd_frames_uturned_total');
    }
    ackCopiesAtD = await metric(dm.d.metricsUrl, 'meshd_ack_copies_total');
  } finally {
    if (load && load.exitCode === null) load.kill();
    await dm.stop();
  }
  return {
    bench: 'reroute', cutsPerKind: o.cuts, warmUpMs: o.warmUpMs ?? WARM_UP_MS, heartbeatMs: 50, deadAfterMs: 250, paceMBps: o.paceMBps ?? 0, streamMBps: rateOf(deliveries),
    closeP50Ms: q(out.close, 0.5), closeP99Ms: q(out.close, 0.99), blackholeP50Ms: q(out.blackhole, 0.5), blackholeMaxMs: Math.max(...out.blackhole),
    closeMeasured: out.close.length, blackholeMeasured: out.blackhole.length,
    closeInOrderP50Ms: q(out.closeInOrder, 0.5), closeInOrderP99Ms: q(out.closeInOrder, 0.99), blackholeInOrderMaxMs: Math.max(...out.blackholeInOrder),
    closeCompleteP50Ms: q(out.closeComplete, 0.5), blackholeCompleteMaxMs: Math.max(...out.blackholeComplete),
    closeStallP50Ms: q(out.closeStall, 0.5), blackholeStallMaxMs: Math.max(...out.blackholeStall), suspicions, suspicionsCleared, ackCopiesAtD, uturns,
    targets: { closeP99Ms: 50, blackholeMaxMs: 500 }, perCut: out, machine: machine(),
  };
}

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
runIfMain(import.meta.url, () => run({ cuts: arg('--cuts', 10), paceMBps: arg('--pace-mbps', 0), warmUpMs: arg('--warm-up-ms', WARM_UP_MS) }));
