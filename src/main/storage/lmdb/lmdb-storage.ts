/**
 * LMDB adapter of {@link Storage} (the `lmdb` package): the embedded default. One environment
 * under `<dataDir>/meshd.lmdb` with named databases; writes go through lmdb-js's batched async
 * transactions, whose promises resolve after the commit is synced to disk.
 */
import { open, type Database, type RootDatabase } from 'lmdb';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MeshRecord, PeerRecord, ProducedKey, ProducedRecord, SourceStream, Storage, StoredMessage, TargetStream } from '../ports.js';
import { RECORD_FORMAT, decodeMessage, decodeMessageV1, encodeMessage } from './message-codec.js';

const END = Number.MAX_SAFE_INTEGER;
type Key = [string, number];

/** {@link Storage} on LMDB. */
export class LmdbStorage implements Storage {
  private root: RootDatabase;
  private meta: Database<unknown, string>;
  private peers: Database<PeerRecord, string>;
  private sources: Database<SourceStream, string>;
  private targets: Database<TargetStream, string>;
  private outbox: Database<Buffer, Key>;
  private inbox: Database<Buffer, Key>;
  private produced: Database<ProducedRecord, [string, string, number]>;

  /** Opens (creating if needed) the store in `dataDir`. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.root = open({ path: join(dataDir, 'meshd.lmdb'), compression: false });
    this.meta = this.root.openDB({ name: 'meta' });
    this.peers = this.root.openDB({ name: 'peers' });
    this.sources = this.root.openDB({ name: 'source-streams' });
    this.targets = this.root.openDB({ name: 'target-streams' });
    this.outbox = this.root.openDB({ name: 'outbox', encoding: 'binary' });
    this.inbox = this.root.openDB({ name: 'inbox', encoding: 'binary' });
    this.produced = this.root.openDB({ name: 'produced' });
    this.migrate();
  }

  /** Rewrites outbox and inbox records of format 1 (no checksum) to {@link RECORD_FORMAT}, once. */
  private migrate(): void {
    if (this.meta.get('recordFormat') === RECORD_FORMAT) return;
    this.root.transactionSync(() => {
      for (const db of [this.outbox, this.inbox]) {
        const old = [...db.getRange()].map(({ key, value }) => [key, encodeMessage(decodeMessageV1(key[1], value))] as const);
        for (const [key, value] of old) void db.put(key, value);
      }
      void this.meta.put('recordFormat', RECORD_FORMAT);
    });
  }

  getMesh(): MeshRecord | undefined {
    return this.meta.get('mesh') as MeshRecord | undefined;
  }
  async putMesh(m: MeshRecord): Promise<void> {
    await this.meta.put('mesh', m);
  }
  async clearMesh(): Promise<void> {
    await this.root.transaction(() => {
      this.meta.remove('mesh');
      for (const k of this.peers.getKeys()) this.peers.remove(k);
    });
  }
  listPeers(): PeerRecord[] {
    return [...this.peers.getRange()].map((e) => e.value);
  }
  async putPeer(p: PeerRecord): Promise<void> {
    await this.peers.put(p.nodeId, p);
  }

  getSourceStream(id: string): SourceStream | undefined {
    return this.sources.get(id);
  }
  listSourceStreams(): SourceStream[] {
    return [...this.sources.getRange()].map((e) => e.value);
  }
  async putSourceStream(s: SourceStream): Promise<void> {
    await this.sources.put(s.streamId, s);
  }
  async appendOutbox(streamId: string, msgs: StoredMessage[], produced?: ProducedRecord, forget?: ProducedKey[]): Promise<void> {
    if (msgs.length === 0) return;
    await this.root.transaction(() => {
      const s = this.sources.get(streamId);
      for (const m of msgs) this.outbox.put([streamId, m.seq], encodeMessage(m));
      if (produced) this.produced.put([produced.streamId, produced.producerId, produced.requestId], produced);
      for (const k of forget ?? []) this.produced.remove(k);
      if (s) this.sources.put(streamId, { ...s, lastSeq: Math.max(s.lastSeq, msgs[msgs.length - 1].seq) });
    });
  }
  listProduced(): ProducedRecord[] {
    return [...this.produced.getRange()].map((e) => e.value);
  }
  async forgetProduced(keys: Array<[string, string, number]>): Promise<void> {
    if (!keys.length) return;
    await this.root.transaction(() => { for (const k of keys) this.produced.remove(k); });
  }
  readOutbox(streamId: string, fromSeq: number, limit: number): StoredMessage[] {
    return this.readRange(this.outbox, 'outbox', streamId, fromSeq, limit);
  }
  async trimOutbox(streamId: string, throughSeq: number, acked: Record<string, number>): Promise<void> {
    await this.root.transaction(() => {
      this.removeRange(this.outbox, streamId, throughSeq);
      const s = this.sources.get(streamId);
      if (s) this.sources.put(streamId, { ...s, acked: { ...acked } });
    });
  }

  getTargetStream(id: string): TargetStream | undefined {
    return this.targets.get(id);
  }
  listTargetStreams(): TargetStream[] {
    return [...this.targets.getRange()].map((e) => e.value);
  }
  async commitInbox(stream: TargetStream, msgs: StoredMessage[]): Promise<void> {
    await this.root.transaction(() => {
      for (const m of msgs) this.inbox.put([stream.streamId, m.seq], encodeMessage(m));
      const cur = this.targets.get(stream.streamId);
      const receivedOffset = Math.max(cur?.receivedOffset ?? 0, stream.receivedOffset);
      this.targets.put(stream.streamId, cur ? { ...cur, receivedOffset } : { ...stream });
    });
  }
  readInbox(streamId: string, fromSeq: number, limit: number): StoredMessage[] {
    return this.readRange(this.inbox, 'inbox', streamId, fromSeq, limit);
  }
  async ackInbox(streamId: string, offset: number): Promise<void> {
    await this.root.transaction(() => {
      const s = this.targets.get(streamId);
      if (!s || offset <= s.consumerOffset || offset > s.receivedOffset) return;
      this.targets.put(streamId, { ...s, consumerOffset: offset });
      this.removeRange(this.inbox, streamId, offset);
    });
  }

  async close(): Promise<void> {
    await this.root.close();
  }

  /** @throws MeshError ERR_STORAGE when a record fails its checksum. */
  private readRange(db: Database<Buffer, Key>, name: string, streamId: string, fromSeq: number, limit: number): StoredMessage[] {
    const out: StoredMessage[] = [];
    for (const { key, value } of db.getRange({ start: [streamId, fromSeq], end: [streamId, END], limit })) {
      out.push(decodeMessage(key[1], value, `${name} of stream ${streamId}`));
    }
    return out;
  }

  private removeRange(db: Database<Buffer, Key>, streamId: string, throughSeq: number): void {
    for (const key of db.getKeys({ start: [streamId, 0], end: [streamId, throughSeq + 1] })) db.remove(key);
  }
}
