/**
 * `npm run bench:membership`: SWIM + Lifeguard (src/main/membership) in the deterministic
 * simulator (test/sim/swim-sim.ts) at 1,000 and 2,000 members, 5 % message loss, 1 % of the
 * members stalling 500 ms every 2 s, 3 members crashing. Reports the time until every live member
 * declared each crashed member dead (p50, p99, max over all observers), false positives (live
 * members declared dead) and suspicions of live members, next to memberlist's LAN defaults
 * computed from its formulas (suspicion timeout `4 * log10(n) * 1 s`, at most 6 times that, so
 * detection without confirmations takes up to 6x). meshd uses the same defaults, so the comparison
 * is of the protocol figures, not of two implementations run side by side (memberlist is Go and
 * its simulator is not ours). One JSON line per member count.
 */
import { DEFAULT_SWIM, detectionBoundMs, suspicionMinMs } from '../src/main/membership/index.js';
import { quantile, runSwimSim } from '../test/sim/swim-sim.js';
import { pathToFileURL } from 'node:url';
import { machine } from './common.js';

/** One run at `members`; returns the JSON line's object. */
export function membershipBench(members: number, seed = 1): object {
  const crashAt = 10_000;
  const stalled = Array.from({ length: Math.max(1, Math.floor(members / 100)) }, (_, i) => 10 + i * 7);
  const crashes = [3, 5, 8].map((member, i) => ({ member, atMs: crashAt + i * 1000 }));
  const t0 = Date.now();
  const r = runSwimSim({
    seed, members, options: DEFAULT_SWIM, loss: 0.05, latencyMs: [1, 10], stalled, stallMs: 500, stallEveryMs: 2000,
    crashes, durationMs: crashAt + 45_000,
  });
  const all = r.detections.flatMap((d) => d.perObserverMs);
  const minMs = suspicionMinMs(DEFAULT_SWIM, members);
  return {
    bench: 'membership', members, seed, loss: 0.05, stalledMembers: stalled.length, crashes: crashes.length,
    detectP50Ms: quantile(all, 0.5), detectP99Ms: quantile(all, 0.99), detectMaxMs: Math.max(...all),
    undetected: all.filter((x) => !Number.isFinite(x)).length,
    falsePositives: r.falsePositives, falseSuspicions: r.falseSuspicions,
    boundMs: Math.round(detectionBoundMs(DEFAULT_SWIM, members)),
    memberlistLan: {
      probeIntervalMs: 1000, probeTimeoutMs: 500, suspicionMinMs: Math.round(minMs), suspicionMaxMs: Math.round(6 * minMs),
      detectWithConfirmationsMs: Math.round(1000 + minMs), detectUnconfirmedMs: Math.round(1000 + 6 * minMs),
    },
    messages: r.messages, simSeconds: Math.round((Date.now() - t0) / 100) / 10, machine: machine(),
  };
}

/** Runs 1,000 and 2,000 members. */
export async function run(): Promise<object[]> {
  return [membershipBench(1000), membershipBench(2000)];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
