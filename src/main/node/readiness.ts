/**
 * Readiness of a node: whether it should be sent traffic (`/readyz`, grpc.health.v1). A node is
 * ready when it is an active member of a mesh, its health is not CRITICAL (control.ts: half or
 * more of the known nodes unreachable) and the Mesh Control Group has a leader it knows of.
 * Liveness (`/healthz`) is separate: the process answers.
 */
import type { Health } from './control.js';

/** What readiness is judged from. */
export interface ReadinessInput {
  /** An active member of a mesh. */
  active: boolean;
  health: Health;
  /** The control group's leader as this node knows it ('' = none known); null when the group does not run here. */
  leader: string | null;
}

/** A readiness verdict: `reasons` names each unmet condition (empty when ready). */
export interface Readiness {
  ready: boolean;
  reasons: string[];
}

/** The readiness verdict for `i`; see the module comment. */
export function readinessOf(i: ReadinessInput): Readiness {
  const reasons: string[] = [];
  if (!i.active) reasons.push('not a mesh member');
  if (i.health === 'CRITICAL') reasons.push('health is CRITICAL');
  if (i.active && !i.leader) reasons.push('no control-group leader');
  return { ready: reasons.length === 0, reasons };
}
