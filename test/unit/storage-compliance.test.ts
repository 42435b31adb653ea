import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUlid, randomUlid } from '../../src/shared/ids.js';
import { LmdbStorage, MemoryStorage, type Storage, type StoredMessage } from '../../src/main/storage/index.js';

const msgs = (from: number, n: number): StoredMessage[] =>
  Array.from({ length: n }, (_, i) => ({ seq: from + i, messageId: newUlid(), publishedAtMs: 1000 + i, payload: Buffer.from(`m${from + i}`) }));

/** The storage port's compliance suite, run against every adapter. */
function compliance(name: string, make: () => Storage, reopen?: (s: Storage) => Promise<Storage>): void {
  describe(`storage compliance: ${name}`, () => {
    test('mesh record and peers', async () => {
      const s = make();
      assert.equal(s.getMesh(), undefined);
      const rec = { meshId: randomUlid(), name: 'm', pins: [{ nodeId: 'b', key: 'sha256:00', spki: 'AA==', kx: 'x' }], selfId: 'a', createdAtMs: 5, active: true };
      await s.putMesh(rec);
      await s.putPeer({ nodeId: 'b', name: 'b', address: 'h:1', dial: true, lastSeenMs: 1 });
      assert.deepEqual(s.getMesh()?.pins, [{ nodeId: 'b', key: 'sha256:00', spki: 'AA==', kx: 'x' }]);
      assert.equal(s.listPeers()[0].address, 'h:1');
      await s.clearMesh();
      assert.equal(s.getMesh(), undefined);
      assert.equal(s.listPeers().length, 0);
      await s.close();
    });

    test('LSA records: newest per origin replaces, forget deletes, kept across a reopen, cleared with the mesh', async () => {
      let s = make();
      const body = (n: number) => Uint8Array.from([n, n + 1]);
      await s.putLsas([{ origin: 'a', seq: 1, body: body(1), sig: body(9) }, { origin: 'b', seq: 4, body: body(4), sig: body(8) }]);
      await s.putLsas([{ origin: 'a', seq: 2, body: body(2), sig: body(7) }], ['b']);
      if (reopen) s = await reopen(s);
      const got = s.listLsas();
      assert.deepEqual(got.map((l) => [l.origin, l.seq, [...l.body], [...l.sig]]), [['a', 2, [2, 3], [7, 8]]]);
      await s.clearMesh();
      assert.equal(s.listLsas().length, 0);
      await s.close();
    });

    test('a closed stream: the source deletes record, outbox and producer records; a target record keeps closedAt', async () => {
      let s = make();
      const id = randomUlid();
      const other = randomUlid();
      for (const x of [id, other]) await s.putSourceStream({ streamId: x, tenantId: 't', source: 'a', targets: ['b'], qos: 'EXACTLY_ONCE', priority: 0, createdAtMs: 0, lastSeq: 0, acked: { b: 0 } });
      const produced = { streamId: id, producerId: 'p', requestId: 1, firstSeq: 1, messageIds: ['x'], digest: 'd', atMs: 0 };
      await s.appendOutbox(id, msgs(1, 5), produced);
      await s.appendOutbox(other, msgs(1, 2));
      await s.deleteSourceStream(id);
      if (reopen) s = await reopen(s);
      assert.equal(s.getSourceStream(id), undefined);
      assert.deepEqual(s.readOutbox(id, 0, 100), []);
      assert.equal(s.listProduced().filter((r) => r.streamId === id).length, 0);
      assert.deepEqual(s.readOutbox(other, 0, 100).map((m) => m.seq), [1, 2], 'another stream untouched');
      await s.commitInbox({ streamId: id, source: 'a', tenantTag: 'ff', receivedOffset: 3, consumerOffset: 0 }, msgs(1, 3));
      await s.commitInbox({ streamId: id, source: 'a', tenantTag: 'ff', receivedOffset: 4, consumerOffset: 0, closedAt: 4 }, []);
      await s.ackInbox(id, 4);
      if (reopen) s = await reopen(s);
      assert.deepEqual([s.getTargetStream(id)?.closedAt, s.getTargetStream(id)?.consumerOffset], [4, 4]);
      assert.deepEqual(s.readInbox(id, 0, 100), []);
      await s.close();
    });

    test('outbox: append sets lastSeq, reads ranges in order, trim keeps the rest and stores acks', async () => {
      let s = make();
      const id = randomUlid();
      await s.putSourceStream({ streamId: id, tenantId: 't', source: 'a', targets: ['b'], qos: 'EXACTLY_ONCE', priority: 0, createdAtMs: 0, lastSeq: 0, acked: { b: 0 } });
      const written = msgs(1, 10);
      await s.appendOutbox(id, written);
      assert.equal(s.getSourceStream(id)?.lastSeq, 10);
      assert.deepEqual(s.readOutbox(id, 4, 3).map((m) => m.seq), [4, 5, 6]);
      assert.equal(s.readOutbox(id, 4, 1)[0].messageId, written[3].messageId);
      await s.trimOutbox(id, 6, { b: 6 });
      assert.deepEqual(s.readOutbox(id, 0, 100).map((m) => m.seq), [7, 8, 9, 10]);
      assert.deepEqual(s.getSourceStream(id)?.acked, { b: 6 });
      if (reopen) {
        s = await reopen(s);
        assert.deepEqual(s.readOutbox(id, 0, 100).map((m) => Buffer.from(m.payload).toString()), ['m7', 'm8', 'm9', 'm10']);
        assert.equal(s.getSourceStream(id)?.lastSeq, 10);
      }
      await s.close();
    });

    test('producer records: stored with the outbox append, listed after a reopen, forgotten on request', async () => {
      let s = make();
      const id = randomUlid();
      await s.putSourceStream({ streamId: id, tenantId: 't', source: 'a', targets: ['b'], qos: 'EXACTLY_ONCE', priority: 0, createdAtMs: 0, lastSeq: 0, acked: { b: 0 } });
      const written = msgs(1, 2);
      const rec = { streamId: id, producerId: 'p1', requestId: 7, firstSeq: 1, messageIds: written.map((m) => m.messageId), digest: 'ab', atMs: 1 };
      await s.appendOutbox(id, written, rec);
      await s.appendOutbox(id, msgs(3, 1), { ...rec, requestId: 8, firstSeq: 3, messageIds: ['x'] });
      if (reopen) s = await reopen(s);
      assert.deepEqual(s.listProduced().map((r) => [r.producerId, r.requestId, r.firstSeq]).sort(), [['p1', 7, 1], ['p1', 8, 3]]);
      assert.deepEqual(s.listProduced().find((r) => r.requestId === 7)?.messageIds, rec.messageIds);
      await s.forgetProduced([[id, 'p1', 7]]);
      assert.deepEqual(s.listProduced().map((r) => r.requestId), [8]);
      await s.close();
    });

    test('inbox: commit advances the offset with the messages; ack trims and keeps the consumer offset', async () => {
      let s = make();
      const id = randomUlid();
      const rec = { streamId: id, source: 'a', tenantTag: 'ff', receivedOffset: 5, consumerOffset: 0 };
      await s.commitInbox(rec, msgs(1, 5));
      await s.ackInbox(id, 3);
      await s.commitInbox({ ...rec, receivedOffset: 8 }, msgs(6, 3));
      const t = s.getTargetStream(id);
      assert.equal(t?.receivedOffset, 8);
      assert.equal(t?.consumerOffset, 3, 'a later commit must not reset the consumer offset');
      assert.deepEqual(s.readInbox(id, 0, 100).map((m) => m.seq), [4, 5, 6, 7, 8]);
      await s.ackInbox(id, 99);
      assert.equal(s.getTargetStream(id)?.consumerOffset, 3, 'cannot ack beyond what was received');
      if (reopen) {
        s = await reopen(s);
        assert.equal(s.getTargetStream(id)?.receivedOffset, 8);
        assert.equal(s.readInbox(id, 4, 1)[0].publishedAtMs, 1003);
      }
      await s.close();
    });
  });
}

compliance('memory', () => new MemoryStorage());
let dir = '';
compliance('lmdb', () => new LmdbStorage((dir = mkdtempSync(join(tmpdir(), 'meshd-lmdb-')))), async (s) => {
  await s.close();
  return new LmdbStorage(dir);
});
