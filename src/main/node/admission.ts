/**
 * Admission of publishes under the QoS policies the Mesh Control Group carries
 * (MeshControl.SetPolicy; consensus/mcg/state.ts `policies`). A publish of tenant T is judged by
 * T's policy, else by the policy of domain `*`, else it is admitted. Enforced at the node that
 * takes the publish (the stream's source):
 * - `maxInFlight`: publish requests of the domain in progress here; one more is refused with
 *   ERR_RATE_LIMITED.
 * - `maxPending`: messages of the domain published here and not yet acknowledged by every target;
 *   a publish that would exceed it is refused with ERR_RATE_LIMITED (the client retries later:
 *   backpressure before the outbox grows without bound).
 * - `breakerFailures` / `breakerOpenMs`: a circuit breaker per domain (`cockatiel`'s
 *   ConsecutiveBreaker): after that many consecutive publishes failed on the node's side
 *   (ERR_UNAVAILABLE, ERR_STORAGE, ERR_STORAGE_FULL, ERR_INTERNAL), publishes
 *   of the domain are refused at once with ERR_UNAVAILABLE for `breakerOpenMs`, then one is let
 *   through (half-open) and its outcome closes or re-opens the circuit. Client errors (bad
 *   argument, permission, unknown stream) never count.
 * - `priorityWeight` is the stream sender's (streams/target-sender.ts): the percent of the send
 *   window the domain's streams get.
 * Every refusal is counted (`meshd_admission_refused_total{reason}`) and logged at most once a
 * second per domain and reason.
 */
import { ConsecutiveBreaker, circuitBreaker, handleWhen, isBrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { McgQosPolicy } from '../consensus/mcg/index.js';
import type { Logger } from '../observability/logger.js';

/** Codes of failures on the node's side, which count toward a circuit breaker. */
export const SERVER_FAILURES: ReadonlySet<string> = new Set([ErrorCode.Unavailable, ErrorCode.Storage, ErrorCode.StorageFull, ErrorCode.Internal]);

/** Why a publish was refused: the `reason` label. */
export type RefusalReason = 'max_in_flight' | 'max_pending' | 'circuit_open';

/** What admission needs from the node. */
export interface AdmissionDeps {
  /** The policies the control group records, by domain. */
  policies(): ReadonlyMap<string, McgQosPolicy>;
  /** Messages of `tenant` published here and not yet acknowledged by every target. */
  pending(tenant: string): number;
  onRefused(reason: RefusalReason): void;
  log: Logger;
}

/** See the module comment. */
export class Admission {
  private inFlight = new Map<string, number>();
  private breakers = new Map<string, { index: number; policy: CircuitBreakerPolicy }>();
  private logged = new Map<string, number>();

  constructor(private readonly d: AdmissionDeps) {}

  /** The policy that governs `tenant`, if any. */
  policyOf(tenant: string): McgQosPolicy | undefined {
    const all = this.d.policies();
    return all.get(tenant) ?? all.get('*');
  }

  /** The fraction (0.01-1) of the stream send window `tenant`'s streams get. */
  windowShare(tenant: string): number {
    return (this.policyOf(tenant)?.priorityWeight ?? 100) / 100;
  }

  /**
   * Runs `publish` (of `count` messages of `tenant`) if the policy admits it; see the module comment.
   * @throws MeshError ERR_RATE_LIMITED (max in flight, max pending), ERR_UNAVAILABLE (circuit open),
   *   and whatever `publish` throws.
   */
  async run<T>(tenant: string, count: number, publish: () => Promise<T>): Promise<T> {
    const p = this.policyOf(tenant);
    if (!p) return publish();
    const busy = this.inFlight.get(tenant) ?? 0;
    if (p.maxInFlight > 0 && busy >= p.maxInFlight) {
      throw this.refuse(tenant, 'max_in_flight', new MeshError(ErrorCode.RateLimited, `tenant ${tenant} has ${busy} publishes in progress here (policy ${p.domain}: max_in_flight ${p.maxInFlight}); retry later`));
    }
    if (p.maxPending > 0) {
      const pending = this.d.pending(tenant);
      if (pending + count > p.maxPending) {
        throw this.refuse(tenant, 'max_pending', new MeshError(ErrorCode.RateLimited, `tenant ${tenant} has ${pending} messages not yet acknowledged by its targets (policy ${p.domain}: max_pending ${p.maxPending}); retry later`));
      }
    }
    this.inFlight.set(tenant, busy + 1);
    try {
      const breaker = this.breaker(tenant, p);
      if (!breaker) return await publish();
      try {
        return await breaker.execute(publish);
      } catch (err) {
        if (!isBrokenCircuitError(err)) throw err;
        throw this.refuse(tenant, 'circuit_open', new MeshError(ErrorCode.Unavailable, `publishes of tenant ${tenant} failed ${p.breakerFailures} times in a row here: refused for ${p.breakerOpenMs} ms (policy ${p.domain})`));
      }
    } finally {
      const n = (this.inFlight.get(tenant) ?? 1) - 1;
      if (n > 0) this.inFlight.set(tenant, n);
      else this.inFlight.delete(tenant);
    }
  }

  /** The domain's breaker, rebuilt when its policy changed; null without one. */
  private breaker(tenant: string, p: McgQosPolicy): CircuitBreakerPolicy | null {
    if (p.breakerFailures <= 0) return null;
    const cur = this.breakers.get(tenant);
    if (cur && cur.index === p.index) return cur.policy;
    const policy = circuitBreaker(handleWhen((e) => e instanceof MeshError && SERVER_FAILURES.has(e.code)), {
      halfOpenAfter: p.breakerOpenMs, breaker: new ConsecutiveBreaker(p.breakerFailures),
    });
    this.breakers.set(tenant, { index: p.index, policy });
    return policy;
  }

  private refuse(tenant: string, reason: RefusalReason, err: MeshError): MeshError {
    this.d.onRefused(reason);
    const key = `${tenant}\0${reason}`;
    const now = Date.now();
    if ((this.logged.get(key) ?? 0) + 1000 <= now) {
      if (this.logged.size > 10_000) this.logged.clear();
      this.logged.set(key, now);
      this.d.log.warn({ tenant, reason, err: err.message }, 'publish refused by QoS policy');
    }
    return err;
  }
}
