/**
 * LMDB adapter of {@link Storage} (the `lmdb` package): the embedded default. One environment
 * under `<dataDir>/meshd.lmdb` with named databases; writes go through lmdb-js's batched async
 * transactions, whose promises resolve after the commit is synced to disk. Every record carries a
 * CRC32C checked on read: messages in `message-codec.ts`, everything else in `checked-db.ts`
 * (record format 3; older stores are migrated when opened, `migrate.ts`).
 */
import { open, type Database, type RootDatabase } from 'lmdb';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DamagedRecord, MeshRecord, PeerRecord, StoredLsa, ProducedKey, ProducedRecord, SourceStream, Storage, StoredMessage, TargetStream } from '../ports.js';
import { CheckedDb } from './checked-db.js';
import { decodeMessage, encodeMessageInto, encodedMessageBytes } from './message-codec.js';
import { migrate } from './migrate.js';

const END = Number.MAX_SAFE_INTEGER;
type Key = [string, number];


/**
 * Named databases a store may hold (LMDB's `maxdbs`): the 9 this code uses, the 5 a format-2
 * store had, and room for later formats. lmdb-js's default of 12 is too few.
 */
export const MAX_DBS = 64;

/** Largest record value (bytes) encoded in the reused scratch buffer; larger ones get their own. */
const SCRATCH_MAX_BYTES = 8 * 1024 * 1024;

/** {@link Storage} on LMDB. */
export class LmdbStorage implements Storage {
  private root: RootDatabase;
  private meta: Database<unknown, string>;
  private damaged: DamagedRecord[] = [];
  private used = 0;
  private usedAt = 0;
  private mesh: CheckedDb<string, MeshRecord>;
  /** @internal exposed to tests that damage records */
  readonly peers: CheckedDb<string, PeerRecord>;
  /** The last LSA per origin (`lsa-records`). */
  private lsas: CheckedDb<string, StoredLsa>;
  /** @internal exposed to tests that damage records */
  readonly sources: CheckedDb<string, SourceStream>;
  /** @internal exposed to tests that damage records */
  readonly targets: CheckedDb<string, TargetStream>;
  private outbox: Database<Buffer, Key>;
  private inbox: Database<Buffer, Key>;
  private produced: CheckedDb<ProducedKey, ProducedRecord>;
  /**
   * One buffer for outbox and inbox record values: a put inside an LMDB write transaction callback
   * copies the value into the map at once, so the next record may reuse it (no new buffer per
   * message; e2e-bulk's allocation trace showed one copy of every byte here).
   */
  private scratch = Buffer.allocUnsafe(0);

  /** The record value of `m` in {@link scratch}; valid until the next call. Inside write transactions only. */
  private record(m: StoredMessage): Buffer {
    const n = encodedMessageBytes(m);
    if (n > SCRATCH_MAX_BYTES) return encodeMessageInto(m, Buffer.allocUnsafe(n));
    if (this.scratch.length < n) this.scratch = Buffer.allocUnsafe(Math.max(n, 64 * 1024));
    return encodeMessageInto(m, this.scratch);
  }

  /** Opens (creating if needed) the store in `dataDir`. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.root = open({ path: join(dataDir, 'meshd.lmdb'), compression: false, maxDbs: MAX_DBS });
    this.meta = this.root.openDB({ name: 'meta' });
    this.mesh = new CheckedDb(this.root, 'mesh-record', this.damaged);
    this.peers = new CheckedDb(this.root, 'peer-records', this.damaged);
    this.lsas = new CheckedDb(this.root, 'lsa-records', this.damaged);
    this.sources = new CheckedDb(this.root, 'source-records', this.damaged);
    this.targets = new CheckedDb(this.root, 'target-records', this.damaged);
    this.outbox = this.root.openDB({ name: 'outbox', encoding: 'binary' });
    this.inbox = this.root.openDB({ name: 'inbox', encoding: 'binary' });
    this.produced = new CheckedDb(this.root, 'producer-records', this.damaged);
    migrate(this.root, {
      meta: this.meta, outbox: this.outbox, inbox: this.inbox,
      checked: [
        ['meta', this.mesh as CheckedDb<never, unknown>, 'mesh'], ['peers', this.peers as CheckedDb<never, unknown>],
        ['source-streams', this.sources as CheckedDb<never, unknown>], ['target-streams', this.targets as CheckedDb<never, unknown>],
        ['produced', this.produced as CheckedDb<never, unknown>],
      ],
    });
  }

  /**
   * Pages of every database (branch, leaf and overflow) times the page size, from LMDB's own
   * statistics; computed at most every 200 ms.
   */
  usedBytes(): number {
    const now = Date.now();
    if (now - this.usedAt < 200) return this.used;
    let pages = 0;
    let pageSize = 4096;
    for (const db of [this.root, this.meta, this.outbox, this.inbox, ...this.checkedDbs()]) {
      const st = db.getStats() as { pageSize: number; treeBranchPageCount: number; treeLeafPageCount: number; overflowPages: number };
      pageSize = st.pageSize;
      pages += st.treeBranchPageCount + st.treeLeafPageCount + st.overflowPages;
    }
    this.used = pages * pageSize;
    this.usedAt = now;
    return this.used;
  }

  private checkedDbs(): Array<{ getStats(): unknown }> {
    return [this.mesh, this.peers, this.lsas, this.sources, this.targets, this.produced];
  }

  listDamaged(): DamagedRecord[] {
    return this.damaged.map((d) => ({ ...d }));
  }

  /** @throws MeshError ERR_STORAGE when the mesh record is damaged. */
  getMesh(): MeshRecord | undefined {
    return this.mesh.get('mesh');
  }
  async putMesh(m: MeshRecord): Promise<void> {
    await this.mesh.put('mesh', m);
  }
  async clearMesh(): Promise<void> {
    await this.root.transaction(() => {
      void this.mesh.remove('mesh');
      for (const k of this.peers.keys()) void this.peers.remove(k);
      for (const k of this.lsas.keys()) void this.lsas.remove(k);
    });
  }
  listLsas(): StoredLsa[] {
    return this.lsas.values();
  }
  async putLsas(lsas: StoredLsa[], forget: string[] = []): Promise<void> {
    await this.root.transaction(() => {
      for (const l of lsas) void this.lsas.put(l.origin, { ...l, body: Buffer.from(l.body), sig: Buffer.from(l.sig) });
      for (const o of forget) void this.lsas.remove(o);
    });
  }
  listPeers(): PeerRecord[] {
    return this.peers.values();
  }
  async putPeer(p: PeerRecord): Promise<void> {
    await this.peers.put(p.nodeId, p);
  }

  /** @throws MeshError ERR_STORAGE when the record is damaged. */
  getSourceStream(id: string): SourceStream | undefined {
    return this.sources.get(id);
  }
  listSourceStreams(): SourceStream[] {
    return this.sources.values();
  }
  async putSourceStream(s: SourceStream): Promise<void> {
    await this.sources.put(s.streamId, s);
  }
  async appendOutbox(streamId: string, msgs: StoredMessage[], produced?: ProducedRecord, forget?: ProducedKey[]): Promise<void> {
    if (msgs.length === 0) return;
    await this.root.transaction(() => {
      const s = this.sources.get(streamId);
      for (const m of msgs) void this.outbox.put([streamId, m.seq], this.record(m));
      if (produced) void this.produced.put([produced.streamId, produced.producerId, produced.requestId], produced);
      for (const k of forget ?? []) void this.produced.remove(k);
      if (s) void this.sources.put(streamId, { ...s, lastSeq: Math.max(s.lastSeq, msgs[msgs.length - 1].seq) });
    });
  }
  listProduced(): ProducedRecord[] {
    return this.produced.values();
  }
  async forgetProduced(keys: ProducedKey[]): Promise<void> {
    if (!keys.length) return;
    await this.root.transaction(() => { for (const k of keys) void this.produced.remove(k); });
  }
  readOutbox(streamId: string, fromSeq: number, limit: number): StoredMessage[] {
    return this.readRange(this.outbox, 'outbox', streamId, fromSeq, limit);
  }
  async trimOutbox(streamId: string, throughSeq: number, acked: Record<string, number>): Promise<void> {
    await this.root.transaction(() => {
      this.removeRange(this.outbox, streamId, throughSeq);
      const s = this.sources.get(streamId);
      if (s) void this.sources.put(streamId, { ...s, acked: { ...acked } });
    });
  }

  async deleteSourceStream(streamId: string): Promise<void> {
    const produced = this.produced.values().filter((r) => r.streamId === streamId);
    await this.root.transaction(() => {
      this.removeRange(this.outbox, streamId, Number.MAX_SAFE_INTEGER - 1);
      for (const r of produced) void this.produced.remove([r.streamId, r.producerId, r.requestId]);
      void this.sources.remove(streamId);
    });
  }

  /** @throws MeshError ERR_STORAGE when the record is damaged. */
  getTargetStream(id: string): TargetStream | undefined {
    return this.targets.get(id);
  }
  listTargetStreams(): TargetStream[] {
    return this.targets.values();
  }
  async commitInbox(stream: TargetStream, msgs: StoredMessage[]): Promise<void> {
    await this.root.transaction(() => {
      for (const m of msgs) void this.inbox.put([stream.streamId, m.seq], this.record(m));
      const cur = this.targets.get(stream.streamId);
      const receivedOffset = Math.max(cur?.receivedOffset ?? 0, stream.receivedOffset);
      const closedAt = cur?.closedAt ?? stream.closedAt;
      void this.targets.put(stream.streamId, cur ? { ...cur, receivedOffset, ...(closedAt ? { closedAt } : {}) } : { ...stream });
    });
  }
  readInbox(streamId: string, fromSeq: number, limit: number): StoredMessage[] {
    return this.readRange(this.inbox, 'inbox', streamId, fromSeq, limit);
  }
  async ackInbox(streamId: string, offset: number): Promise<void> {
    await this.root.transaction(() => {
      const s = this.targets.get(streamId);
      if (!s || offset <= s.consumerOffset || offset > s.receivedOffset) return;
      void this.targets.put(streamId, { ...s, consumerOffset: offset });
      this.removeRange(this.inbox, streamId, offset);
    });
  }

  async close(): Promise<void> {
    await this.root.close();
  }

  /**
   * Every outbox or inbox record as stored, in key order, for `meshd repair` (which checks each
   * one itself). An error thrown by LMDB (a damaged page) ends the walk.
   */
  *rawMessages(store: 'outbox' | 'inbox'): Generator<{ streamId: string; seq: number; value: Buffer }> {
    for (const { key, value } of (store === 'outbox' ? this.outbox : this.inbox).getRange()) yield { streamId: key[0], seq: key[1], value };
  }

  /** Stores a producer record on its own (`meshd repair` copies them). */
  async putProduced(r: ProducedRecord): Promise<void> {
    await this.produced.put([r.streamId, r.producerId, r.requestId], r);
  }

  /**
   * Records from `fromSeq`, stopping before the first damaged one: the sound records before it
   * are still served, and the next read, which starts at it, fails.
   * @throws MeshError ERR_STORAGE when the first record fails its checksum.
   */
  private readRange(db: Database<Buffer, Key>, name: string, streamId: string, fromSeq: number, limit: number): StoredMessage[] {
    const out: StoredMessage[] = [];
    for (const { key, value } of db.getRange({ start: [streamId, fromSeq], end: [streamId, END], limit })) {
      try {
        out.push(decodeMessage(key[1], value, `${name} of stream ${streamId}`));
      } catch (err) {
        if (out.length) break;
        throw err;
      }
    }
    return out;
  }

  private removeRange(db: Database<Buffer, Key>, streamId: string, throughSeq: number): void {
    for (const key of db.getKeys({ start: [streamId, 0], end: [streamId, throughSeq + 1] })) db.remove(key);
  }
}
