/**
 * Reads every record of LMDB environments in a child process before the node (or `meshd repair`)
 * opens them. Damage inside a file that the meta-page check (`preflight.ts`) cannot see — a page
 * overwritten with garbage — makes LMDB follow wild page numbers: the process dies by SIGSEGV,
 * SIGBUS or SIGABRT, a read fails (MDB_PAGE_NOTFOUND, MDB_BAD_TXN), or a walk ends early without
 * an error. In a child that costs nothing: the parent sees the signal, the error or the short
 * count (against LMDB's own entry count) and refuses the store with a clear message instead of
 * dying. The child opens the environments read-only.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Outcome for one environment: `records` read, or why it cannot be read. */
export type DeepCheckResult = { ok: true; records: number } | { ok: false; reason: string };

/** An environment to walk: a `meshd.lmdb` file, or a directory holding `data.mdb` (`subdir`). */
export interface DeepCheckTarget {
  path: string;
  subdir: boolean;
}

const CHILD = fileURLToPath(new URL('./deep-check-child.js', import.meta.url));

/**
 * Walks `targets` in one child process. Synchronous: it runs before anything opens the stores.
 * @param timeoutMs the walk is abandoned (and what was not finished refused) after this long.
 * @returns one result per target, in order.
 */
export function deepCheck(targets: DeepCheckTarget[], timeoutMs = 300_000): DeepCheckResult[] {
  if (!targets.length) return [];
  const args = targets.flatMap((t) => [t.path, t.subdir ? 'subdir' : 'file']);
  const r = spawnSync(process.execPath, [CHILD, ...args], { encoding: 'utf8', timeout: timeoutMs });
  const lines = (r.stdout ?? '').trim().split('\n').filter(Boolean);
  const why = r.error ? `the check could not finish: ${r.error.message}`
    : r.signal ? `reading it killed the checking process with ${r.signal} (damaged pages)`
      : `the check exited with ${r.status}: ${(r.stderr ?? '').trim().slice(0, 300)}`;
  return targets.map((_, i) => {
    if (i >= lines.length) return { ok: false, reason: why };
    try {
      const out = JSON.parse(lines[i]) as { ok: boolean; records?: number; error?: string };
      return out.ok ? { ok: true, records: out.records ?? 0 } : { ok: false, reason: out.error ?? 'unreadable' };
    } catch {
      return { ok: false, reason: `unexpected output from the check: ${lines[i].slice(0, 200)}` };
    }
  });
}
