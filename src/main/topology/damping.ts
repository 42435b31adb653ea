/**
 * Damping of advertised link metrics: an LSA carries a link's measurement only once it moved
 * significantly from what was last advertised, so measurement noise does not re-flood LSAs nor
 * move paths (the LSA-level half of the routing hysteresis; the path table adds a cost margin, see
 * path-table.ts). Every node computes its routes from the advertised values, so damping keeps all
 * nodes' tables consistent as well as stable.
 */
import type { Adjacency } from '../../shared/wire/index.js';

/** A neighbor's link as measured now (see src/workers/dataplane/link-meter.ts). */
export interface MeasuredLink {
  rttMs: number;
  bwMbps: number;
  loss: number;
  util: number;
}

/** Thresholds of a significant change; relative ones are fractions of the advertised value. */
export const DAMPING = {
  /** RTT: 25 % and at least 2 ms. */
  rttRel: 0.25, rttAbsMs: 2,
  /** Bandwidth: 25 %. */
  bwRel: 0.25,
  /** Loss and utilization: absolute 0.05 and 0.15. */
  lossAbs: 0.05, utilAbs: 0.15,
} as const;

/** True when `m` differs significantly from the advertised adjacency `adv` (or nothing was advertised). */
export function significant(adv: Adjacency | undefined, m: MeasuredLink, weight: number): boolean {
  if (!adv) return true;
  if ((adv.weight ?? 1) !== weight) return true;
  const dr = Math.abs(m.rttMs - adv.rttMs);
  if (dr > DAMPING.rttAbsMs && dr > DAMPING.rttRel * adv.rttMs) return true;
  const bw = adv.bwMbps ?? 0;
  if ((bw === 0) !== (m.bwMbps === 0) || (bw > 0 && Math.abs(m.bwMbps - bw) > DAMPING.bwRel * bw)) return true;
  if (Math.abs(m.loss - (adv.loss ?? 0)) > DAMPING.lossAbs) return true;
  return Math.abs(m.util - (adv.util ?? 0)) > DAMPING.utilAbs;
}

/** The adjacency to advertise for `peer`: the old one while the change is not significant. */
export function advertise(peer: string, adv: Adjacency | undefined, m: MeasuredLink, weight: number): Adjacency {
  if (adv && !significant(adv, m, weight)) return adv;
  const out: Adjacency = { peer, rttMs: round(m.rttMs, 1000) };
  if (m.bwMbps > 0) out.bwMbps = round(m.bwMbps, 10);
  if (m.loss > 0) out.loss = round(m.loss, 1000);
  if (m.util > 0) out.util = round(m.util, 1000);
  if (weight !== 1) out.weight = weight;
  return out;
}

function round(x: number, per: number): number {
  return Math.round(x * per) / per;
}
