/**
 * Child process of `meshd repair`: `salvage-child.js <old data dir> <new data dir> [mesh JSON]`
 * runs {@link salvage} and prints its report as one JSON line. A damaged page may kill it by a
 * signal; the parent then treats the old store as unreadable.
 */
import { salvage } from './salvage.js';
import type { MeshRecord } from '../ports.js';

const [oldDir, newDir, mesh] = process.argv.slice(2);
salvage(oldDir, newDir, mesh ? (JSON.parse(mesh) as MeshRecord) : undefined).then(
  (report) => process.stdout.write(JSON.stringify({ ok: true, report }) + '\n'),
  (err: unknown) => {
    process.stdout.write(JSON.stringify({ ok: false, error: (err as Error).message }) + '\n');
    process.exitCode = 1;
  },
);
