/**
 * Child process of `deep-check.ts`. Its arguments are pairs `<path> <file|subdir>`; for each
 * LMDB environment it opens it read-only, reads every key and value of the main and every named
 * database, then runs one write transaction that leaves no trace (see {@link writeProbe}), and
 * prints one line: `{"ok":true,"records":N}`, or `{"ok":false,"error":...}` when LMDB reports an
 * error or a database yields fewer records than the entry count LMDB keeps for it. A damaged page
 * may kill it by a signal instead; the parent reports that for the environment it had not
 * finished.
 */
import { open } from 'lmdb';

/** Reads every record of the named databases; the main database's own count checks the walk. */
function walk(path: string, subdir: boolean): number {
  const root = open({ path, readOnly: true, noSubdir: !subdir, compression: false, maxDbs: 64 });
  try {
    let records = 0;
    const keys = [...root.getKeys()];
    const rootCount = (root.getStats() as { entryCount: number }).entryCount;
    if (keys.length !== rootCount) throw new Error(`main database: ${keys.length} records readable of ${rootCount}`);
    const names = keys.filter((k): k is string => typeof k === 'string');
    for (const name of names) {
      const db = root.openDB({ name, encoding: 'binary' });
      let n = 0;
      for (const { value } of db.getRange()) n += value === undefined ? 0 : 1;
      // A damaged branch page can end a walk early without an error: the count LMDB keeps per
      // database (md_entries) tells.
      const expected = (db.getStats() as { entryCount: number }).entryCount;
      if (n !== expected) throw new Error(`database ${name}: ${n} records readable of ${expected}`);
      records += n;
    }
    return records;
  } finally {
    void root.close();
  }
}

/**
 * One write transaction that adds and removes a key: a write allocates pages, which reads LMDB's
 * free-page list (not reachable by any read), and commits the meta page as the node would.
 */
function writeProbe(path: string, subdir: boolean): void {
  const root = open({ path, noSubdir: !subdir, compression: false, maxDbs: 64 });
  try {
    root.transactionSync(() => {
      void root.put('~deep-check', Buffer.alloc(8192));
      void root.remove('~deep-check');
    });
  } finally {
    void root.close();
  }
}

const args = process.argv.slice(2);
for (let i = 0; i + 1 < args.length; i += 2) {
  try {
    const records = walk(args[i], args[i + 1] === 'subdir');
    writeProbe(args[i], args[i + 1] === 'subdir');
    process.stdout.write(JSON.stringify({ ok: true, records }) + '\n');
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, error: (err as Error).message }) + '\n');
  }
}
