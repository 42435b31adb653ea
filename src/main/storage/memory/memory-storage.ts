/**
 * In-memory adapter of {@link Storage}: nothing survives the process. For unit tests of
 * components that need a store, and as the second adapter of the compliance suite.
 */
import type { DamagedRecord, MeshRecord, PeerRecord, StoredLsa, ProducedKey, ProducedRecord, SourceStream, Storage, StoredMessage, TargetStream } from '../ports.js';

function readRange(m: Map<number, StoredMessage> | undefined, fromSeq: number, limit: number): StoredMessage[] {
  if (!m) return [];
  return [...m.values()].filter((x) => x.seq >= fromSeq).sort((a, b) => a.seq - b.seq).slice(0, limit);
}

function trim(m: Map<number, StoredMessage> | undefined, throughSeq: number): void {
  if (!m) return;
  for (const seq of m.keys()) if (seq <= throughSeq) m.delete(seq);
}

/** {@link Storage} kept in maps. */
export class MemoryStorage implements Storage {
  private mesh: MeshRecord | undefined;
  private peers = new Map<string, PeerRecord>();
  private lsas = new Map<string, StoredLsa>();
  private sources = new Map<string, SourceStream>();
  private targets = new Map<string, TargetStream>();
  private outbox = new Map<string, Map<number, StoredMessage>>();
  private inbox = new Map<string, Map<number, StoredMessage>>();
  private produced = new Map<string, ProducedRecord>();

  /** Payload bytes held in outboxes and inboxes. */
  usedBytes(): number {
    let n = 0;
    for (const box of [this.outbox, this.inbox]) for (const m of box.values()) for (const x of m.values()) n += x.payload.length;
    return n;
  }

  /** Memory does not decay: always empty. */
  listDamaged(): DamagedRecord[] {
    return [];
  }

  getMesh(): MeshRecord | undefined {
    return this.mesh && { ...this.mesh };
  }
  async putMesh(m: MeshRecord): Promise<void> {
    this.mesh = { ...m };
  }
  async clearMesh(): Promise<void> {
    this.mesh = undefined;
    this.peers.clear();
    this.lsas.clear();
  }
  listPeers(): PeerRecord[] {
    return [...this.peers.values()].map((p) => ({ ...p }));
  }
  listLsas(): StoredLsa[] {
    return [...this.lsas.values()].map((l) => ({ ...l, body: Uint8Array.from(l.body), sig: Uint8Array.from(l.sig) }));
  }
  async putLsas(lsas: StoredLsa[], forget: string[] = []): Promise<void> {
    for (const l of lsas) this.lsas.set(l.origin, { ...l, body: Uint8Array.from(l.body), sig: Uint8Array.from(l.sig) });
    for (const o of forget) this.lsas.delete(o);
  }
  async putPeer(p: PeerRecord): Promise<void> {
    this.peers.set(p.nodeId, { ...p });
  }
  getSourceStream(id: string): SourceStream | undefined {
    const s = this.sources.get(id);
    return s && structuredClone(s);
  }
  listSourceStreams(): SourceStream[] {
    return [...this.sources.values()].map((s) => structuredClone(s));
  }
  async putSourceStream(s: SourceStream): Promise<void> {
    this.sources.set(s.streamId, structuredClone(s));
  }
  async appendOutbox(streamId: string, msgs: StoredMessage[], produced?: ProducedRecord, forget?: ProducedKey[]): Promise<void> {
    if (msgs.length === 0) return;
    await this.forgetProduced(forget ?? []);
    if (produced) this.produced.set(`${produced.streamId}\0${produced.producerId}\0${produced.requestId}`, { ...produced, messageIds: [...produced.messageIds] });
    const m = this.outbox.get(streamId) ?? new Map<number, StoredMessage>();
    this.outbox.set(streamId, m);
    for (const x of msgs) m.set(x.seq, { ...x, payload: Uint8Array.from(x.payload) });
    const s = this.sources.get(streamId);
    if (s) s.lastSeq = Math.max(s.lastSeq, msgs[msgs.length - 1].seq);
  }
  listProduced(): ProducedRecord[] {
    return [...this.produced.values()].map((r) => ({ ...r, messageIds: [...r.messageIds] }));
  }
  async forgetProduced(keys: Array<[string, string, number]>): Promise<void> {
    for (const [s, p, r] of keys) this.produced.delete(`${s}\0${p}\0${r}`);
  }
  readOutbox(streamId: string, fromSeq: number, limit: number): StoredMessage[] {
    return readRange(this.outbox.get(streamId), fromSeq, limit);
  }
  async trimOutbox(streamId: string, throughSeq: number, acked: Record<string, number>): Promise<void> {
    trim(this.outbox.get(streamId), throughSeq);
    const s = this.sources.get(streamId);
    if (s) s.acked = { ...acked };
  }
  async deleteSourceStream(streamId: string): Promise<void> {
    this.outbox.delete(streamId);
    this.sources.delete(streamId);
    for (const [k, r] of this.produced) if (r.streamId === streamId) this.produced.delete(k);
  }
  getTargetStream(id: string): TargetStream | undefined {
    const s = this.targets.get(id);
    return s && { ...s };
  }
  listTargetStreams(): TargetStream[] {
    return [...this.targets.values()].map((s) => ({ ...s }));
  }
  async commitInbox(stream: TargetStream, msgs: StoredMessage[]): Promise<void> {
    const m = this.inbox.get(stream.streamId) ?? new Map<number, StoredMessage>();
    this.inbox.set(stream.streamId, m);
    for (const x of msgs) m.set(x.seq, { ...x, payload: Uint8Array.from(x.payload) });
    const cur = this.targets.get(stream.streamId);
    if (cur) {
      cur.receivedOffset = Math.max(cur.receivedOffset, stream.receivedOffset);
      cur.closedAt ??= stream.closedAt;
    } else this.targets.set(stream.streamId, { ...stream });
  }
  readInbox(streamId: string, fromSeq: number, limit: number): StoredMessage[] {
    return readRange(this.inbox.get(streamId), fromSeq, limit);
  }
  async ackInbox(streamId: string, offset: number): Promise<void> {
    const s = this.targets.get(streamId);
    if (!s || offset <= s.consumerOffset || offset > s.receivedOffset) return;
    s.consumerOffset = offset;
    trim(this.inbox.get(streamId), offset);
  }
  async close(): Promise<void> {}
}
