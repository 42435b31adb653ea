/**
 * Checksummed structured records (record format 3): the mesh record, peers, stream metadata with
 * their offsets and acks, and producer records. A value is `[CRC32C (Castagnoli) of the body, u32
 * big endian][body: MessagePack]`, kept in an LMDB database of binary encoding. The checksum is
 * verified on every read; a record that fails it is never used.
 */
import { crc32c } from '@node-rs/crc32';
import type { Database, Key, RootDatabase } from 'lmdb';
import { Packr } from 'msgpackr';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import type { DamagedRecord } from '../ports.js';

const packr = new Packr({ useRecords: false, moreTypes: false });
const CRC = 4;

/** Encodes a structured value with its CRC32C. */
export function encodeRecord(value: unknown): Buffer {
  const body = packr.pack(value);
  const b = Buffer.allocUnsafe(CRC + body.length);
  b.set(body, CRC);
  b.writeUInt32BE(crc32c(body), 0);
  return b;
}

/**
 * Decodes a value written by {@link encodeRecord}.
 * @throws MeshError ERR_STORAGE naming `what` when the checksum fails or the body does not decode.
 */
export function decodeRecord<V>(b: Uint8Array, what: string): V {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length < CRC || buf.readUInt32BE(0) !== crc32c(buf.subarray(CRC))) {
    throw new MeshError(ErrorCode.Storage, `${what} fails its CRC32C checksum: the record is damaged`);
  }
  try {
    return packr.unpack(buf.subarray(CRC)) as V;
  } catch (err) {
    throw new MeshError(ErrorCode.Storage, `${what} does not decode: ${(err as Error).message}`);
  }
}

/**
 * A named LMDB database of checksummed records. Single reads throw ERR_STORAGE for a damaged
 * record; listings skip damaged records and add them to `damaged` (shared by every database of a
 * store) so the node can stop what they belong to and report them.
 */
export class CheckedDb<K extends Key, V> {
  private readonly db: Database<Buffer, K>;

  /**
   * @param store the database name, used in errors and in {@link DamagedRecord.store}.
   * @param damaged where listings report damaged records.
   */
  constructor(root: RootDatabase, readonly store: string, private readonly damaged: DamagedRecord[]) {
    this.db = root.openDB({ name: store, encoding: 'binary' });
  }

  /** @throws MeshError ERR_STORAGE when the record is damaged. */
  get(key: K): V | undefined {
    const b = this.db.get(key);
    return b === undefined ? undefined : decodeRecord<V>(b, this.what(key));
  }

  /** Queues a put (inside a transaction callback, or awaited on its own). */
  put(key: K, value: V): Promise<boolean> {
    return this.db.put(key, encodeRecord(value));
  }

  /** Queues a removal. */
  remove(key: K): Promise<boolean> {
    return this.db.remove(key);
  }

  /** Every key, damaged or not. */
  keys(): K[] {
    return [...this.db.getKeys()];
  }

  /** Every sound value; damaged ones are reported in `damaged` (once per key) and left out. */
  values(): V[] {
    const out: V[] = [];
    for (const { key, value } of this.db.getRange()) {
      try {
        out.push(decodeRecord<V>(value, this.what(key)));
      } catch (err) {
        const k = JSON.stringify(key);
        if (!this.damaged.some((d) => d.store === this.store && d.key === k)) {
          this.damaged.push({ store: this.store, key: k, message: (err as Error).message });
        }
      }
    }
    return out;
  }

  /** LMDB's statistics of this database (pages in use). */
  getStats(): unknown {
    return this.db.getStats();
  }

  /** Writes raw bytes under a key (tests use it to damage a record). */
  putRaw(key: K, bytes: Buffer): Promise<boolean> {
    return this.db.put(key, bytes);
  }

  /** The raw bytes under a key. */
  getRaw(key: K): Buffer | undefined {
    return this.db.get(key);
  }

  private what(key: K): string {
    return `${this.store} record ${JSON.stringify(key)}`;
  }
}
