/**
 * Deterministic simulator of SWIM membership (src/main/membership): n members driven by one
 * clock, messages delivered after a random latency or lost, members that stall (their event loop
 * blocked: no tick and no message handled; when the stall ends the timers run first, then the
 * queued messages, as in Node's event loop) and members that crash. Seeded, so a run replays.
 */
import { Swim, type SwimMessage, type SwimOptions } from '../../src/main/membership/index.js';
import { Rng } from './rng.js';

/** What one simulation does. */
export interface SwimSimSpec {
  seed: number;
  members: number;
  options: SwimOptions;
  /** Probability that a message is lost. */
  loss: number;
  /** One-way latency range (ms). */
  latencyMs: [number, number];
  /** Members that stall `stallMs` every `stallEveryMs`. */
  stalled: number[];
  stallMs: number;
  stallEveryMs: number;
  /** Members that crash, and when (ms). */
  crashes: Array<{ member: number; atMs: number }>;
  /** Simulated time (ms). */
  durationMs: number;
}

/** What a simulation observed. */
export interface SwimSimResult {
  /** Times a live member was declared dead by some member. */
  falsePositives: number;
  /** Suspicions of live members: distinct (member, incarnation) pairs suspected by someone. */
  falseSuspicions: number;
  /** Per crash: ms from the crash until each live member declared it dead (Infinity: never). */
  detections: Array<{ member: number; perObserverMs: number[] }>;
  messages: number;
  lost: number;
}

interface Pending {
  to: number;
  msg: SwimMessage;
}

/** Runs one simulation. */
export function runSwimSim(spec: SwimSimSpec): SwimSimResult {
  const rng = new Rng(spec.seed);
  const n = spec.members;
  const name = (i: number) => `m${i}`;
  const index = new Map(Array.from({ length: n }, (_, i) => [name(i), i]));
  const nodes = Array.from({ length: n }, (_, i) => new Swim(name(i), spec.options, () => rng.next()));
  for (const s of nodes) s.setMembers(index.keys(), 0);
  const crashedAt = new Map<number, number>();
  const crashPlan = new Map(spec.crashes.map((c) => [c.member, c.atMs]));
  const stalled = new Set(spec.stalled);
  const stallPhase = new Map(spec.stalled.map((i) => [i, rng.int(spec.stallEveryMs)]));
  const inbox = new Map<number, Pending[]>();
  const queue = new Map<number, Pending[]>(); // delivery time -> messages
  const tickOffset = Array.from({ length: n }, () => rng.int(spec.options.tickMs));
  const wasStalled = new Array<boolean>(n).fill(false);
  const detections = new Map(spec.crashes.map((c) => [c.member, new Map<number, number>()]));
  const suspected = new Set<string>();
  const result: SwimSimResult = { falsePositives: 0, falseSuspicions: 0, detections: [], messages: 0, lost: 0 };

  const isStalled = (i: number, t: number) => stalled.has(i) && (t + stallPhase.get(i)!) % spec.stallEveryMs < spec.stallMs;
  const flush = (i: number, t: number) => {
    const out = nodes[i].drain();
    for (const ev of out.events) {
      const about = index.get(ev.node)!;
      const crashed = crashedAt.has(about);
      if (ev.status === 'dead') {
        if (!crashed) result.falsePositives++;
        else if (!detections.get(about)!.has(i)) detections.get(about)!.set(i, t - crashedAt.get(about)!);
      }
      if (ev.status === 'suspect' && !crashed && !suspected.has(`${about}:${ev.inc}`)) {
        suspected.add(`${about}:${ev.inc}`);
        result.falseSuspicions++;
      }
    }
    for (const s of out.sends) {
      result.messages++;
      if (rng.chance(spec.loss)) {
        result.lost++;
        continue;
      }
      const at = t + spec.latencyMs[0] + rng.int(spec.latencyMs[1] - spec.latencyMs[0] + 1);
      const to = index.get(s.to)!;
      if (!queue.has(at)) queue.set(at, []);
      queue.get(at)!.push({ to, msg: s.msg });
    }
  };

  for (let t = 0; t <= spec.durationMs; t++) {
    for (const [i, at] of crashPlan) if (at === t) crashedAt.set(i, t);
    for (const p of queue.get(t) ?? []) {
      if (crashedAt.has(p.to)) continue;
      if (isStalled(p.to, t)) {
        if (!inbox.has(p.to)) inbox.set(p.to, []);
        inbox.get(p.to)!.push(p);
        continue;
      }
      nodes[p.to].receive(p.msg, t);
      flush(p.to, t);
    }
    queue.delete(t);
    for (let i = 0; i < n; i++) {
      if (crashedAt.has(i)) continue;
      const stallNow = isStalled(i, t);
      if (stallNow) {
        wasStalled[i] = true;
        continue;
      }
      if (wasStalled[i]) {
        // The stall ended: timers first, then what queued up.
        wasStalled[i] = false;
        nodes[i].tick(t);
        for (const p of inbox.get(i) ?? []) nodes[i].receive(p.msg, t);
        inbox.delete(i);
        flush(i, t);
        continue;
      }
      if ((t + tickOffset[i]) % spec.options.tickMs === 0) {
        nodes[i].tick(t);
        flush(i, t);
      }
    }
  }
  for (const [member, seen] of detections) {
    const perObserverMs: number[] = [];
    for (let i = 0; i < n; i++) if (!crashedAt.has(i)) perObserverMs.push(seen.get(i) ?? Infinity);
    result.detections.push({ member, perObserverMs });
  }
  return result;
}

/** The p-quantile (0..1) of `xs`. */
export function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}
