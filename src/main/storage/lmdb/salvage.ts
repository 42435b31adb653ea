/**
 * Copies every sound record of a damaged stream store into a fresh one, for `meshd repair`
 * (`src/main/cli/repair.ts`). A record is sound when it passes its CRC32C; a database whose walk
 * LMDB ends with an error (a damaged page) gives what was read before the error. What could not be
 * copied is listed, and every stream that lost a message it had accepted is stopped in the new
 * store (`lost`), since it can no longer be delivered exactly once and in order.
 *
 * Runs in a child process (`salvage-child.ts`): reading a damaged file may kill the reader.
 */
import { LmdbStorage } from './lmdb-storage.js';
import { decodeMessage } from './message-codec.js';
import type { MeshRecord, StoredMessage } from '../ports.js';

/** What a salvage copied and what it could not. */
export interface SalvageReport {
  mesh: boolean;
  peers: number;
  sourceStreams: number;
  targetStreams: number;
  outboxMessages: number;
  inboxMessages: number;
  producerRecords: number;
  /** True when a stream record may be missing (a record was damaged, or a walk ended early). */
  streamsLost: boolean;
  /** One line per thing that could not be recovered. */
  lost: string[];
}

interface Walk {
  byStream: Map<string, StoredMessage[]>;
  damaged: Map<string, number[]>;
  /** Set when LMDB ended the walk with an error. */
  cut?: string;
}

function walk(old: LmdbStorage, store: 'outbox' | 'inbox'): Walk {
  const w: Walk = { byStream: new Map(), damaged: new Map() };
  try {
    for (const r of old.rawMessages(store)) {
      try {
        const m = decodeMessage(r.seq, r.value, store);
        const list = w.byStream.get(r.streamId) ?? [];
        list.push({ ...m, payload: Buffer.from(m.payload) });
        w.byStream.set(r.streamId, list);
      } catch {
        w.damaged.set(r.streamId, [...(w.damaged.get(r.streamId) ?? []), r.seq]);
      }
    }
  } catch (err) {
    w.cut = (err as Error).message;
  }
  return w;
}

function seqs(list: number[]): string {
  return list.length > 8 ? `${list.slice(0, 8).join(', ')}, ... (${list.length})` : list.join(', ');
}

/**
 * Copies the sound records of the store in `oldDir` into the (new, empty) store in `newDir`.
 * `mesh` replaces the old mesh record when given (the membership backup is newer).
 */
export async function salvage(oldDir: string, newDir: string, mesh?: MeshRecord): Promise<SalvageReport> {
  const old = new LmdbStorage(oldDir);
  const dst = new LmdbStorage(newDir);
  const lost: string[] = [];
  const report: SalvageReport = {
    mesh: false, peers: 0, sourceStreams: 0, targetStreams: 0, outboxMessages: 0, inboxMessages: 0, producerRecords: 0, streamsLost: false, lost,
  };
  try {
    let m: MeshRecord | undefined;
    try {
      m = old.getMesh();
    } catch (err) {
      lost.push(`mesh record: ${(err as Error).message}`);
    }
    if (mesh ?? m) {
      await dst.putMesh({ ...(m ?? {}), ...mesh } as MeshRecord);
      report.mesh = true;
    }
    for (const p of old.listPeers()) await dst.putPeer(p);
    report.peers = old.listPeers().length;

    const outbox = walk(old, 'outbox');
    const inbox = walk(old, 'inbox');
    for (const [what, w] of [['outbox', outbox], ['inbox', inbox]] as const) {
      if (w.cut) {
        lost.push(`${what}: LMDB ended the walk (${w.cut}); records after the last one read are lost`);
        report.streamsLost = true;
      }
    }

    for (const s of old.listSourceStreams()) {
      const msgs = (outbox.byStream.get(s.streamId) ?? []).filter((x) => x.seq <= s.lastSeq);
      const bad = outbox.damaged.get(s.streamId) ?? [];
      const floor = Math.min(...s.targets.map((t) => s.acked[t] ?? 0));
      // Missing: unacknowledged seqs neither read soundly nor trimmed.
      const have = new Set(msgs.map((x) => x.seq));
      const missing: number[] = [];
      for (let q = floor + 1; q <= s.lastSeq && missing.length < 10_000; q++) if (!have.has(q)) missing.push(q);
      const rec = { ...s };
      if (missing.length || bad.length) {
        rec.lost = `outbox seqs ${seqs(missing.length ? missing : bad)} of this stream were lost in a repair; close it and open a new one`;
        lost.push(`source stream ${s.streamId}: ${rec.lost}`);
      }
      await dst.putSourceStream(rec);
      if (msgs.length) await dst.appendOutbox(s.streamId, msgs);
      report.sourceStreams++;
      report.outboxMessages += msgs.length;
      outbox.byStream.delete(s.streamId);
    }
    for (const t of old.listTargetStreams()) {
      const msgs = (inbox.byStream.get(t.streamId) ?? []).filter((x) => x.seq > t.consumerOffset && x.seq <= t.receivedOffset);
      const have = new Set(msgs.map((x) => x.seq));
      const missing: number[] = [];
      for (let q = t.consumerOffset + 1; q <= t.receivedOffset && missing.length < 10_000; q++) if (!have.has(q)) missing.push(q);
      const rec = { ...t };
      if (missing.length) {
        rec.lost = `inbox seqs ${seqs(missing)} of this stream were lost in a repair (already acknowledged to the source); close it and open a new one`;
        lost.push(`target stream ${t.streamId}: ${rec.lost}`);
      }
      await dst.commitInbox(rec, msgs);
      report.targetStreams++;
      report.inboxMessages += msgs.length;
      inbox.byStream.delete(t.streamId);
    }
    for (const r of old.listProduced()) await dst.putProduced(r);
    report.producerRecords = old.listProduced().length;

    for (const d of old.listDamaged()) {
      lost.push(`${d.store} ${d.key}: ${d.message}`);
      if (d.store === 'source-records' || d.store === 'target-records') report.streamsLost = true;
      if (d.store === 'producer-records') lost.push(`a retry of that producer request may be published again`);
    }
    for (const [what, w] of [['outbox', outbox], ['inbox', inbox]] as const) {
      for (const [streamId, list] of w.byStream) lost.push(`${what} of stream ${streamId}: ${list.length} sound messages without a stream record`);
    }
    if (report.mesh) await dst.putMesh({ ...dst.getMesh()!, repair: { atMs: Date.now(), streamsLost: report.streamsLost } });
    return report;
  } finally {
    await old.close();
    await dst.close();
  }
}
