/**
 * `npm run bench:multipath`: one bulk stream a -> d over the diamond (test/helpers/diamond.ts),
 * its two paths rate-limited on the a-b and a-c links. As root (where network namespaces can be
 * built) every node runs in its own namespace, the links are veth pairs and `tc` token-bucket
 * filters limit a-b and a-c (test/helpers/netns-diamond.ts; `--relays` forces the fallback);
 * otherwise the harness's rate-limiting relays do (a token bucket per direction in the relay
 * process, with its own CPU cost and buffering). The JSON line's `harness` says which ran. Runs,
 * each on a fresh diamond, 256 MiB in 1 MiB messages (BLAKE3 verified at d by the mesh, counted by
 * the subscriber), published as `meshctl send-file` does (4 messages per request, 8 requests in
 * flight) after one warm-up message has reached d; the clock starts after the warm-up. At 64 MiB
 * the setup both runs share (about 0.5-0.8 s to the first delivery on this machine) weighed on
 * the two-path run twice as much as on the single path:
 * 1. the best single path: a-b at R, a-c cut before the stream;
 * 2. two equal paths: both at R;
 * 3. unequal paths: a-b at R, a-c at R/4, with the default scheduler (ecf) and with wrr.
 * R = 12 MiB/s (about 100 Mbit/s), low enough that two paths fit in this 2-core machine's CPU.
 * One JSON line: `{"bench":"multipath","ratioTwoEqualPaths":..,"ratioUnequalToBest":..}`.
 */
import { machine, runIfMain } from './common.js';
import { PER_REQUEST, REQUESTS_IN_FLIGHT } from '../src/main/cli/file-transfer.js';
import { startDiamond, type DiamondOptions } from '../test/helpers/diamond.js';
import { waitFor } from '../test/helpers/cluster.js';
import { buildNetnsDiamond, netnsAvailable } from '../test/helpers/netns-diamond.js';

const R = 12 * 1024 * 1024;
const MSG = 1024 * 1024;
/** MiB per run. */
export const MIB = 256;

async function once(o: DiamondOptions & { cutAC?: boolean; useNetns?: boolean }, mib: number): Promise<{ mbps: number; viaAB: number; viaAC: number }> {
  const netns = o.useNetns ? buildNetnsDiamond(o.rateAB ?? 0, o.rateAC ?? 0) : undefined;
  const dm = await startDiamond({ ...o, netns }).catch((err: unknown) => { netns?.remove(); throw err; });
  try {
    if (o.cutAC) {
      dm.ac.close();
      await waitFor(async () => !(await dm.ca.status()).links.some((l) => l.peer === 'c'), 'a-c cut', 20_000);
    }
    const streamId = await dm.ca.openStream('bulk', ['d']);
    let got = 0;
    const sub = dm.cd.subscribe({ streamId, tenantId: 'bulk', credits: 32, onMessages: (m) => { got += m.length; } });
    const payload = Buffer.alloc(MSG, 3);
    const pub = dm.ca.publisher(streamId);
    // Warm-up: one small message through the publisher, delivered at d, so the clock covers the
    // transfer and not the setup both runs share (publisher session, tenant key, stream at d).
    await pub.publish([Buffer.alloc(1024, 1)]);
    await waitFor(() => got >= 1, 'warm-up message at d', 60_000);
    got = 0;
    const ab0 = dm.ab.bytes;
    const ac0 = dm.ac.bytes;
    const t0 = Date.now();
    // Pipelined like `meshctl send-file` (file-transfer.ts): one publish at a time would measure
    // the publish round trip (gRPC, seal, outbox commit), not the paths.
    const inflight: Promise<unknown>[] = [];
    for (let i = 0; i < mib; i += PER_REQUEST) {
      inflight.push(pub.publish(Array.from({ length: Math.min(PER_REQUEST, mib - i) }, () => payload)));
      if (inflight.length >= REQUESTS_IN_FLIGHT) await inflight.shift();
    }
    await Promise.all(inflight);
    await waitFor(() => got >= mib, `${mib} messages at d`, 600_000);
    const secs = (Date.now() - t0) / 1000;
    sub.close();
    await pub.end();
    return { mbps: Math.round(((mib * MSG * 8) / secs / 1e6) * 10) / 10, viaAB: dm.ab.bytes - ab0, viaAC: dm.ac.bytes - ac0 };
  } finally {
    await dm.stop();
    netns?.remove();
  }
}

/** Runs the four scenarios with `mib` MiB each. */
export async function run(o: { mib: number; relays?: boolean } = { mib: MIB }): Promise<object> {
  const useNetns = !o.relays && netnsAvailable();
  const single = await once({ rateAB: R, rateAC: R, cutAC: true, useNetns }, o.mib);
  const equal = await once({ rateAB: R, rateAC: R, useNetns }, o.mib);
  const unequal = await once({ rateAB: R, rateAC: R / 4, useNetns }, o.mib);
  const unequalWrr = await once({ rateAB: R, rateAC: R / 4, extraArgs: ['--scheduler', 'wrr'], useNetns }, o.mib);
  const share = (r: { viaAB: number; viaAC: number }) => Math.round((r.viaAC / Math.max(1, r.viaAB + r.viaAC)) * 100) / 100;
  return {
    bench: 'multipath', harness: useNetns ? 'network namespaces, veth pairs, tc tbf' : 'rate-limiting relays (not root, or --relays)', pathMbps: Math.round((R * 8) / 1e6), mib: o.mib,
    singleMbps: single.mbps, twoEqualMbps: equal.mbps, unequalMbps: unequal.mbps, unequalWrrMbps: unequalWrr.mbps,
    ratioTwoEqualPaths: Math.round((equal.mbps / single.mbps) * 100) / 100,
    ratioUnequalToBest: Math.round((unequal.mbps / single.mbps) * 100) / 100,
    ratioUnequalWrrToBest: Math.round((unequalWrr.mbps / single.mbps) * 100) / 100,
    shareOverAC: { equal: share(equal), unequal: share(unequal), unequalWrr: share(unequalWrr) },
    targets: { ratioTwoEqualPaths: 1.7, ratioUnequalToBest: 1.0 }, scheduler: 'ecf', machine: machine(),
  };
}

runIfMain(import.meta.url, () => run({ mib: MIB, relays: process.argv.includes('--relays') }));
