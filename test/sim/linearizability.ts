/**
 * A linearizability checker for a history of register operations: Wing and Gong, "Testing and
 * Verifying Concurrent Objects" (1993), with the memoization of Lowe, "Testing for
 * Linearizability" (2017), and per-key decomposition (a history of independent registers is
 * linearizable iff each key's sub-history is; Herlihy and Wing 1990, locality).
 *
 * An operation with an unknown outcome (its client never heard back) has `complete = Infinity`:
 * it may take effect at any point after its invocation, or never.
 */

/** One client operation on a register. Times are from one logical clock. */
export interface Op {
  id: number;
  key: string;
  kind: 'put' | 'get';
  /** put: the value written; get: the value read (null: the key was never written). */
  value: string | null;
  invoke: number;
  complete: number;
}

/** Outcome of a check: ok, or the key whose history cannot be linearized. */
export type CheckResult = { ok: true } | { ok: false; key: string; ops: Op[] };

/** Checks a whole history, key by key. */
export function checkLinearizable(history: Op[]): CheckResult {
  const byKey = new Map<string, Op[]>();
  for (const op of history) {
    const list = byKey.get(op.key) ?? [];
    list.push(op);
    byKey.set(op.key, list);
  }
  for (const [key, ops] of byKey) if (!checkRegister(ops)) return { ok: false, key, ops };
  return { ok: true };
}

/** Wing-Gong search over one register's operations. */
export function checkRegister(ops: Op[]): boolean {
  const sorted = [...ops].sort((a, b) => a.invoke - b.invoke);
  const n = sorted.length;
  const done = new Uint8Array(n);
  const mustDo = sorted.filter((o) => o.complete !== Infinity).length;
  const seen = new Set<string>();
  const search = (state: string | null, count: number): boolean => {
    if (count === mustDo) return true;
    // Only an operation invoked before every pending operation has completed can go next.
    let horizon = Infinity;
    for (let i = 0; i < n; i++) if (!done[i] && sorted[i].complete < horizon) horizon = sorted[i].complete;
    for (let i = 0; i < n && sorted[i].invoke < horizon; i++) {
      if (done[i]) continue;
      const op = sorted[i];
      if (op.kind === 'get' && op.value !== state) continue;
      const next = op.kind === 'put' ? op.value : state;
      done[i] = 1;
      const key = `${next}|${done.join('')}`;
      if (!seen.has(key)) {
        seen.add(key);
        if (search(next, count + (op.complete !== Infinity ? 1 : 0))) return true;
      }
      done[i] = 0;
    }
    return false;
  };
  return search(null, 0);
}
