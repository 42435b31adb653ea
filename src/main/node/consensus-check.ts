/**
 * Consistency checks of the Mesh Control Group (MeshControl.TriggerConsensusCheck). The node
 * called appends a `check` entry; every member, on applying it, digests its applied state and
 * the log window before it (consensus/mcg/digest.ts) and proposes a `check-result` entry with
 * them; the node called collects one result per member from the log until every member answered
 * or the timeout passed, and compares. The check needs no frame type of its own: entries carry
 * both the question and the answers, in the log's order, over Raft's authenticated transport.
 *
 * Refusals: a result for a node that is not a member is ignored; a second result for the same
 * node (a replay or a retried proposal) is ignored, the first one counts. Entries re-applied
 * after a restart are not answered again.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { newUlid } from '../../shared/ids.js';
import type { Logger } from '../observability/logger.js';
import type { CheckDigests, McgCommand } from '../consensus/mcg/index.js';

/** Wait for the members' results when the request gives none (ms). */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
/** Longest wait a request may ask for (ms). */
export const MAX_CHECK_TIMEOUT_MS = 120_000;

/** One member's answer, compared. */
export interface MemberCheck extends CheckDigests {
  nodeId: string;
  answered: boolean;
  /** Both digests equal the majority's (an empty log digest, a compacted window, is not compared). */
  agrees: boolean;
}

/** The outcome of one check. */
export interface CheckReport {
  checkId: string;
  index: number;
  consistent: boolean;
  complete: boolean;
  members: MemberCheck[];
}

/** What checks need from the node's control group. */
export interface ConsensusCheckDeps {
  selfId: string;
  log: Logger;
  propose(cmd: McgCommand): Promise<number>;
  /** The members the group records now. */
  members(): string[];
  /** This member's digests at the check entry at `index`. */
  digest(index: number): CheckDigests | undefined;
}

interface Pending {
  results: Map<string, CheckDigests>;
  wake: () => void;
}

/** See the module comment. */
export class ConsensusChecks {
  private pending = new Map<string, Pending>();

  constructor(private readonly d: ConsensusCheckDeps) {}

  /**
   * Runs one check; see the module comment.
   * @throws MeshError ERR_INVALID_ARGUMENT (timeout over {@link MAX_CHECK_TIMEOUT_MS}), and the
   *   errors of proposing (ERR_FAILED_PRECONDITION not a member, ERR_UNAVAILABLE no quorum).
   */
  async trigger(timeoutMs: number): Promise<CheckReport> {
    if (timeoutMs > MAX_CHECK_TIMEOUT_MS) throw new MeshError(ErrorCode.InvalidArgument, `timeout_ms must be at most ${MAX_CHECK_TIMEOUT_MS}`);
    const wait = timeoutMs || DEFAULT_CHECK_TIMEOUT_MS;
    const id = newUlid();
    const p: Pending = { results: new Map(), wake: () => undefined };
    this.pending.set(id, p);
    try {
      const deadline = Date.now() + wait;
      const index = await this.d.propose({ t: 'check', id, origin: this.d.selfId, at: Date.now() });
      const done = () => this.d.members().every((m) => p.results.has(m));
      while (!done() && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          p.wake = () => { clearTimeout(t); resolve(); };
        });
      }
      return compare(id, index, this.d.members(), p.results);
    } finally {
      this.pending.delete(id);
    }
  }

  /** A committed command: answers a check entry, collects a result. `replay`: applied before a restart. */
  onCommand(c: McgCommand, index: number, replay: boolean): void {
    if (c.t === 'check' && !replay && this.d.members().includes(this.d.selfId)) this.answer(c.id, index);
    if (c.t !== 'check-result') return;
    const p = this.pending.get(c.id);
    if (!p) return;
    if (!this.d.members().includes(c.nodeId)) {
      this.d.log.warn({ check: c.id, nodeId: c.nodeId }, 'consensus check result from a node that is not a member ignored');
      return;
    }
    if (p.results.has(c.nodeId)) return;
    p.results.set(c.nodeId, { state: c.state, log: c.log, logFrom: c.logFrom });
    p.wake();
  }

  private answer(id: string, index: number): void {
    const dg = this.d.digest(index);
    if (!dg) return;
    this.d.propose({ t: 'check-result', id, nodeId: this.d.selfId, index, ...dg, origin: this.d.selfId, at: Date.now() })
      .catch((err: unknown) => this.d.log.warn({ check: id, err: (err as Error).message }, 'consensus check result not committed'));
  }
}

/** Compares the results of check `id`: the majority's digests are the reference. */
export function compare(id: string, index: number, members: string[], results: ReadonlyMap<string, CheckDigests>): CheckReport {
  const state = mostCommon([...results.values()].map((r) => r.state));
  const log = mostCommon([...results.values()].map((r) => r.log).filter((x) => x !== ''));
  const out: MemberCheck[] = [...members].sort().map((nodeId) => {
    const r = results.get(nodeId);
    if (!r) return { nodeId, answered: false, agrees: false, state: '', log: '', logFrom: 0 };
    return { nodeId, answered: true, agrees: r.state === state && (r.log === '' || log === '' || r.log === log), ...r };
  });
  const answered = out.filter((m) => m.answered);
  return { checkId: id, index, consistent: answered.length > 0 && answered.every((m) => m.agrees), complete: answered.length === out.length, members: out };
}

function mostCommon(xs: string[]): string {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  let best = '';
  let bestN = 0;
  for (const [x, c] of n) if (c > bestN || (c === bestN && x < best)) [best, bestN] = [x, c];
  return best;
}
