/**
 * Checks an LMDB file before it is opened (issue: faults, item 3). LMDB maps the file into
 * memory and trusts it: a file truncated below the last page its meta page names makes the
 * process die by SIGBUS when that page is touched, and a foreign file gives undefined results.
 * So before opening, meshd reads the two meta pages itself and refuses to start (exit 3) with a
 * message naming the file and the remedy when the file is shorter than two pages, or neither meta
 * page has LMDB's magic and version. It also reports how many pages the file lacks before the
 * last page the newest valid meta page (highest transaction id) names: a file may legitimately
 * end early (pages allocated and freed again in one transaction are never written; after kill -9
 * files were seen several pages short and LMDB worked), so whether that matters is decided by
 * the deep check (`deep-check.ts`), which reads every record; the size only explains its finding.
 *
 * Layout read (lmdb-js's LMDB, data format version 2, little endian, verified against files it
 * wrote): page 0 and page 1 are meta pages; at 24 bytes into a meta page: magic (u32,
 * 0xBEEFC0DE), version (u32), address (u64), map size (u64), two database records of 48 bytes
 * (the first one's leading u32 is the page size), last page number (u64), transaction id (u64).
 * See LMDB's `mdb.c` (`MDB_meta`, `mdb_env_read_header`).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ErrorCode, MeshError } from '../../../shared/errors.js';

/** LMDB's magic number (`MDB_MAGIC`). */
export const LMDB_MAGIC = 0xbeefc0de;
/** The data format version lmdb-js writes. */
export const LMDB_DATA_VERSION = 2;
const META_OFFSET = 24;
const MIN_PAGE = 4096;

/** What the newest meta page says, and how many of its pages the file lacks at its end. */
export interface LmdbMeta {
  pageSize: number;
  lastPage: number;
  txnId: number;
  missingPages?: number;
}

/**
 * Checks `file` (an LMDB data file that exists); `remedy` says what the operator can do.
 * @throws MeshError ERR_STORAGE naming the file, what is wrong and `remedy`.
 */
export function checkLmdbFile(file: string, remedy: string): LmdbMeta {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const fail = (what: string) => new MeshError(ErrorCode.Storage, `${file}: ${what}. ${remedy}`);
    if (size < 2 * MIN_PAGE) throw fail(`${size} bytes is shorter than LMDB's two meta pages (truncated or not an LMDB file)`);
    const metas: LmdbMeta[] = [];
    const page0 = Buffer.alloc(MIN_PAGE);
    readSync(fd, page0, 0, MIN_PAGE, 0);
    const m0 = readMeta(page0);
    if (m0) metas.push(m0);
    const pageSize = m0?.pageSize ?? MIN_PAGE;
    if (size >= 2 * pageSize) {
      const page1 = Buffer.alloc(Math.min(pageSize, MIN_PAGE));
      readSync(fd, page1, 0, page1.length, pageSize);
      const m1 = readMeta(page1);
      if (m1) metas.push(m1);
    }
    if (!metas.length) throw fail('no LMDB meta page (wrong magic or version): a foreign or overwritten file');
    const newest = metas.reduce((a, b) => (b.txnId > a.txnId ? b : a));
    // The file may legitimately end before the last page the meta names (pages allocated and
    // freed again in a transaction are never written; seen after kill -9, several pages short).
    // Whether a missing page matters is for the deep check (`deep-check.ts`) to find out.
    return { ...newest, missingPages: Math.max(0, newest.lastPage + 1 - Math.floor(size / newest.pageSize)) };
  } finally {
    closeSync(fd);
  }
}

function readMeta(page: Buffer): LmdbMeta | null {
  if (page.readUInt32LE(META_OFFSET) !== LMDB_MAGIC || page.readUInt32LE(META_OFFSET + 4) !== LMDB_DATA_VERSION) return null;
  const pageSize = page.readUInt32LE(META_OFFSET + 24);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  const lastPage = Number(page.readBigUInt64LE(META_OFFSET + 120));
  const txnId = Number(page.readBigUInt64LE(META_OFFSET + 128));
  return { pageSize, lastPage, txnId };
}
