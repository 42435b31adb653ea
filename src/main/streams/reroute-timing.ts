/**
 * Timing of a fast reroute for one stream target (the `meshd_reroute_seconds` and
 * `meshd_reroute_complete_seconds` histograms): from the cut to the first ack that covers the
 * oldest message the cut may have lost (`first`), and until everything in flight at the cut is
 * acknowledged (`complete`).
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

/** A reroute being timed; see the module comment. */
export interface RerouteTiming {
  /** The cut (ms since epoch): the earliest of the cuts merged into this timing. */
  atMs: number;
  /** The oldest seq the cut may have lost. */
  from: number;
  /** The last seq in flight at the cut. */
  through: number;
  /** True once an ack covered `from`. */
  first: boolean;
  /** The neighbors only suspected so far; while set, the times are held, not reported. */
  suspects?: Set<string>;
  /** True while the oldest lost message is only estimated (see the module comment). */
  estimated?: boolean;
  /** Held times (ms) of a tentative reroute, reported when a suspect is confirmed; of an estimated one, at completion. */
  heldFirstMs?: number;
  heldCompleteMs?: number;
}

/** What a timing belongs to: a target's reroute and its last seq sent. */
export interface Timed {
  reroute?: RerouteTiming;
  sent: number;
}

/** Receives a reroute's times (ms since the cut). */
export type RerouteReport = (phase: 'first' | 'complete', ms: number) => void;

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
  const finished = r?.heldCompleteMs !== undefined;
  if (!r || finished || (r.suspects && !suspect)) {
    t.reroute = { atMs: cutAtMs, from, through: t.sent, first: false, suspects: suspect ? new Set([suspect]) : undefined, estimated: estimated || undefined };
    return;
  }
  if (suspect && !r.suspects) return;
  if (suspect) r.suspects!.add(suspect);
  r.atMs = Math.min(r.atMs, cutAtMs);
  r.through = Math.max(r.through, t.sent);
  if (r.estimated && !estimated) {
    r.estimated = undefined;
    r.from = from;
    r.first = false;
    r.heldFirstMs = undefined;
    return;
  }
  if (estimated && !r.estimated) return;
  if (from < r.from) {
    // Callers pass an unacknowledged seq, so the ack that covers the new `from` is still to come.
    r.from = from;
    r.first = false;
    r.heldFirstMs = undefined;
  }
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
  if (!r.first && ack >= r.from) {
    r.first = true;
    if (r.suspects || r.estimated) r.heldFirstMs = nowMs - r.atMs;
    else report('first', nowMs - r.atMs);
  }
  if (ack >= r.through) {
    if (!r.suspects) {
      if (r.estimated && r.heldFirstMs !== undefined) report('first', r.heldFirstMs);
      report('complete', nowMs - r.atMs);
      t.reroute = undefined;
    } else r.heldCompleteMs ??= nowMs - r.atMs;
  }
}

/** Neighbor `peer`, suspected, was declared dead: a timing it started becomes real and reports what it held. */
export function confirmSuspect(t: Timed, peer: string, report: RerouteReport): void {
  const r = t.reroute;
  if (!r?.suspects?.has(peer)) return;
  r.suspects = undefined;
  if (r.heldFirstMs !== undefined) report('first', r.heldFirstMs);
  if (r.heldCompleteMs !== undefined) {
    report('complete', r.heldCompleteMs);
    t.reroute = undefined;
  }
}

/** Neighbor `peer`, suspected, was heard again: a timing only its suspicion kept is dropped. */
export function clearSuspect(t: Timed, peer: string): void {
  const r = t.reroute;
  if (r?.suspects?.delete(peer) && r.suspects.size === 0) t.reroute = undefined;
}
