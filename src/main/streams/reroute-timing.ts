/**
 * Timing of a fast reroute for one stream target (the `meshd_reroute_seconds`,
 * `meshd_reroute_in_order_seconds` and `meshd_reroute_complete_seconds` histograms): from the cut
 * to the first ack, cumulative or selective, that covers the oldest message the cut may have lost
 * (`first`: that message, resent over the new path, reached the target), to the first cumulative
 * ack that covers it (`inOrder`: everything before it reached the target too), and until
 * everything in flight at the cut is acknowledged (`complete`). Times are those of the data plane:
 * the cut when a shard saw it, an ack when it reached a shard (the control-plane events carry
 * them, src/workers/dataplane/messages.ts), so the wait for the control plane's thread is not
 * counted.
 *
 * The two first phases differ on a striped stream: older messages still in flight on the path
 * that survived hold the cumulative ack back until they arrive (a queue of 13 MiB took about
 * 400 ms in a traced close cut), while the resend rides the priority lane past them and the
 * target's data plane acknowledges it selectively as soon as it is whole (src/shared/wire/sack.ts,
 * src/workers/dataplane/inbound.ts).
 *
 * A reroute started by a suspicion (a neighbor's lanes silent for half the dead-link time,
 * src/workers/dataplane/liveness.ts) is tentative: its resend goes out at once, but its times are
 * held until the dead verdict confirms the suspicion ({@link confirmSuspect}, reported then) or
 * the neighbor is heard again ({@link clearSuspect}, dropped). Most suspicions on a loaded machine
 * are false (a thread held up, not a link cut), and a false one timed as a reroute both added
 * reroutes that never happened and, merged into a real cut that came before its acks, dated that
 * cut from the false suspicion's silence.
 *
 * A reroute that does not know what its cut lost is **estimated**: the routes moved on the far
 * end's LSA before this node's own link was declared dead, or a lane could not say what it lost,
 * so everything in flight is resent and the oldest unacknowledged message stands for the oldest
 * lost one. That message often was not lost at all (it went over the other path), and its ack
 * then arrives at once: an estimated first delivery is held until the timing completes (reported
 * with it) and dropped when the link's own verdict merges in with what the lanes really lost,
 * whose first delivery is timed instead. Before, a blackhole whose far end's LSA came first could
 * record a reroute of 0 ms.
 */
import type { SackBlock } from '../../shared/wire/index.js';

/** A reroute being timed; see the module comment. */
export interface RerouteTiming {
  /** The cut (ms since epoch): the earliest of the cuts merged into this timing. */
  atMs: number;
  /** When the resend of `from` was issued (ms since epoch, this thread's clock); see {@link ackArrival}. */
  resentAtMs: number;
  /** The oldest seq the cut may have lost. */
  from: number;
  /** The last seq in flight at the cut. */
  through: number;
  /** True once an ack, cumulative or selective, covered `from`. */
  first: boolean;
  /** True once a cumulative ack covered `from`. */
  inOrder: boolean;
  /** The neighbors only suspected so far; while set, the times are held, not reported. */
  suspects?: Set<string>;
  /** True while the oldest lost message is only estimated (see the module comment). */
  estimated?: boolean;
  /** Held times (ms since the cut) of a tentative reroute, reported when a suspect is confirmed; of an estimated one, at completion. */
  held?: Partial<Record<ReroutePhase, number>>;
}

/** What a timing belongs to: a target's reroute and its last seq sent. */
export interface Timed {
  reroute?: RerouteTiming;
  sent: number;
}

/** The phases of a reroute that are timed; see the module comment. */
export type ReroutePhase = 'first' | 'inOrder' | 'complete';

/** Receives a reroute's times (ms since the cut). */
export type RerouteReport = (phase: ReroutePhase, ms: number) => void;

/** A tentative timing neither confirmed nor cleared within this time is dropped (ms). */
export const TENTATIVE_MAX_MS = 10_000;

/** How a reroute knows what it lost: `suspect`, the neighbor whose suspicion started it (tentative); `estimated`, see the module comment. */
export interface RerouteCause {
  suspect?: string;
  estimated?: boolean;
}

/**
 * Starts timing a reroute of `t` from the cut at `cutAtMs` (ms since epoch), `from` the oldest seq
 * it may have lost (unacknowledged), as `cause` says.
 *
 * A cut that meets a timing already running is merged into it: the earlier cut dates both (e.g.
 * the routes moved on an LSA before this node's own link was declared dead, which dates the cut
 * from its last frame received), and the older `from` is the one to cover. Except: a confirmed
 * cut replaces a tentative timing (the suspicion it came from may be false; its own dead verdict
 * confirms it first, see {@link confirmSuspect}), and a suspicion adds nothing to a confirmed one.
 * A cut that knows what it lost makes an estimated timing exact: its `from` replaces the estimate
 * and the held first delivery is dropped; an estimate merged into an exact timing keeps its `from`.
 */
export function noteReroute(t: Timed, cutAtMs: number, from: number, cause: RerouteCause = {}): void {
  const { suspect, estimated = false } = cause;
  const r = t.reroute;
  const finished = r?.held?.complete !== undefined;
  if (!r || finished || (r.suspects && !suspect)) {
    t.reroute = {
      atMs: cutAtMs, resentAtMs: Date.now(), from, through: t.sent, first: false, inOrder: false,
      suspects: suspect ? new Set([suspect]) : undefined, estimated: estimated || undefined,
    };
    return;
  }
  if (suspect && !r.suspects) return;
  if (suspect) r.suspects!.add(suspect);
  r.atMs = Math.min(r.atMs, cutAtMs);
  r.through = Math.max(r.through, t.sent);
  if (r.estimated && !estimated) {
    r.estimated = undefined;
    restart(r, from);
    return;
  }
  if (estimated && !r.estimated) return;
  // Callers pass an unacknowledged seq, so the ack that covers the new `from` is still to come.
  if (from < r.from) restart(r, from);
}

/** `r` now waits for the acks that cover `from`: what it timed or held of its first deliveries is dropped. */
function restart(r: RerouteTiming, from: number): void {
  r.from = from;
  r.resentAtMs = Date.now();
  r.first = false;
  r.inOrder = false;
  if (r.held) r.held = r.held.complete === undefined ? undefined : { complete: r.held.complete };
}

/** `r` reached `phase` at `nowMs`: reported, or held while it is tentative or estimated. */
function reached(r: RerouteTiming, phase: 'first' | 'inOrder', nowMs: number, report: RerouteReport): void {
  if (r[phase]) return;
  r[phase] = true;
  if (r.suspects || r.estimated) (r.held ??= {})[phase] = nowMs - r.atMs;
  else report(phase, nowMs - r.atMs);
}

/**
 * When an ack for `t` counts as arrived in its reroute's timing (ms since epoch): `arrivedAtMs`,
 * when it reached this node's data plane, if that was after the resend was issued; else `nowMs`,
 * when this thread handles it. An ack that reached the data plane before the resend went out was
 * sent before the resend could arrive, so its arrival says nothing about the new path; dated by
 * the data plane it could even precede the cut (a reroute of 0 ms in one bench run).
 */
export function ackArrival(t: Timed, arrivedAtMs: number | undefined, nowMs: number): number {
  const r = t.reroute;
  return r && arrivedAtMs !== undefined && arrivedAtMs >= r.resentAtMs ? Math.min(arrivedAtMs, nowMs) : nowMs;
}

/** Reports what `r` held of `phases`. */
function reportHeld(r: RerouteTiming, phases: readonly ReroutePhase[], report: RerouteReport): void {
  for (const p of phases) if (r.held?.[p] !== undefined) report(p, r.held[p]);
}

/** `t`'s target acknowledged every seq <= `ack` at `nowMs`: reports (or holds) what it completes. */
export function rerouteAcked(t: Timed, ack: number, nowMs: number, report: RerouteReport): void {
  const r = t.reroute;
  if (!r) return;
  if (r.suspects && nowMs - r.atMs > TENTATIVE_MAX_MS) {
    t.reroute = undefined;
    return;
  }
  // An ack short of the oldest message the cut may have lost covers only what had arrived before
  // it: the reroute's first delivery is the ack that covers that message.
  if (ack >= r.from) {
    reached(r, 'first', nowMs, report);
    reached(r, 'inOrder', nowMs, report);
  }
  if (ack >= r.through) {
    if (!r.suspects) {
      if (r.estimated) reportHeld(r, ['first', 'inOrder'], report);
      report('complete', nowMs - r.atMs);
      t.reroute = undefined;
    } else (r.held ??= {}).complete ??= nowMs - r.atMs;
  }
}

/**
 * `t`'s target holds the seqs of `blocks` (a selective ack, src/shared/wire/sack.ts) at `nowMs`:
 * one that covers the oldest message the cut may have lost is the reroute's first delivery.
 */
export function rerouteSacked(t: Timed, blocks: readonly SackBlock[], nowMs: number, report: RerouteReport): void {
  const r = t.reroute;
  if (!r || r.first) return;
  if (blocks.some((b) => b.start <= r.from && r.from <= b.end)) reached(r, 'first', nowMs, report);
}

/** Neighbor `peer`, suspected, was declared dead: a timing it started becomes real and reports what it held. */
export function confirmSuspect(t: Timed, peer: string, report: RerouteReport): void {
  const r = t.reroute;
  if (!r?.suspects?.has(peer)) return;
  r.suspects = undefined;
  reportHeld(r, ['first', 'inOrder', 'complete'], report);
  if (r.held?.complete !== undefined) t.reroute = undefined;
  else r.held = undefined;
}

/** Neighbor `peer`, suspected, was heard again: a timing only its suspicion kept is dropped. */
export function clearSuspect(t: Timed, peer: string): void {
  const r = t.reroute;
  if (r?.suspects?.delete(peer) && r.suspects.size === 0) t.reroute = undefined;
}
