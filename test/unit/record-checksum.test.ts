import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { newUlid, writeUlid, ULID_BYTES } from '../../src/shared/ids.js';
import { LmdbStorage } from '../../src/main/storage/index.js';

const damaged = (e: unknown) => e instanceof MeshError && e.code === ErrorCode.Storage && /fails its CRC32C/.test(e.message);

test('a stored record with one flipped byte is refused with ERR_STORAGE, never returned', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-crc-'));
  try {
    const id = newUlid();
    let s = new LmdbStorage(dir);
    const msgs = [1, 2, 3].map((seq) => ({ seq, messageId: newUlid(), publishedAtMs: 5, payload: Buffer.from(`payload-${seq}`) }));
    await s.commitInbox({ streamId: id, source: 'a', tenantTag: 'ff', receivedOffset: 3, consumerOffset: 0 }, msgs);
    await s.putSourceStream({ streamId: id, tenantId: 't', source: 'a', targets: ['b'], qos: 'EXACTLY_ONCE', priority: 0, createdAtMs: 0, lastSeq: 0, acked: { b: 0 } });
    await s.appendOutbox(id, msgs);
    await s.close();
    // Damage: one payload byte of inbox seq 2 and one header byte of outbox seq 3.
    const raw = open({ path: join(dir, 'meshd.lmdb'), compression: false });
    for (const [name, seq, at] of [['inbox', 2, -1], ['outbox', 3, 6]] as const) {
      const db = raw.openDB<Buffer, [string, number]>({ name, encoding: 'binary' });
      const v = Buffer.from(db.get([id, seq])!);
      v[at < 0 ? v.length + at : at] ^= 0x01;
      await db.put([id, seq], v);
    }
    await raw.close();
    s = new LmdbStorage(dir);
    assert.deepEqual(s.readInbox(id, 1, 1).map((m) => Buffer.from(m.payload).toString()), ['payload-1'], 'sound records still read');
    assert.deepEqual(s.readInbox(id, 1, 3).map((m) => m.seq), [1], 'a read stops before the damaged record');
    assert.throws(() => s.readInbox(id, 2, 3), damaged, 'and the read that starts at it fails');
    assert.throws(() => s.readOutbox(id, 3, 1), damaged);
    assert.equal(s.readOutbox(id, 1, 2).length, 2);
    await s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('records of the format before checksums are rewritten with them when the store opens', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-crc-'));
  try {
    const id = newUlid();
    const messageId = newUlid();
    const raw = open({ path: join(dir, 'meshd.lmdb'), compression: false });
    const old = Buffer.alloc(ULID_BYTES + 8 + 3);
    writeUlid(messageId, old, 0);
    old.writeDoubleBE(42, ULID_BYTES);
    old.write('old', ULID_BYTES + 8);
    await raw.openDB<Buffer, [string, number]>({ name: 'inbox', encoding: 'binary' }).put([id, 1], old);
    await raw.close();
    const s = new LmdbStorage(dir);
    const [m] = s.readInbox(id, 1, 1);
    assert.deepEqual([m.messageId, m.publishedAtMs, Buffer.from(m.payload).toString()], [messageId, 42, 'old']);
    await s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stream metadata, offsets, acks, peers and producer records carry a CRC32C: a damaged one is listed and refused, never used', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-crc-'));
  try {
    const [a, b] = [newUlid(), newUlid()];
    let s = new LmdbStorage(dir);
    for (const id of [a, b]) {
      await s.putSourceStream({ streamId: id, tenantId: 't', source: 'a', targets: ['b'], qos: 'EXACTLY_ONCE', priority: 0, createdAtMs: 0, lastSeq: 0, acked: { b: 0 } });
      await s.commitInbox({ streamId: id, source: 'a', tenantTag: 'ff', receivedOffset: 1, consumerOffset: 0 }, [{ seq: 1, messageId: newUlid(), publishedAtMs: 1, payload: Buffer.from('p') }]);
    }
    await s.putPeer({ nodeId: 'p1', name: 'p1', address: '127.0.0.1:1', dial: true, lastSeenMs: 0 });
    await s.appendOutbox(a, [{ seq: 1, messageId: newUlid(), publishedAtMs: 1, payload: Buffer.from('p') }], { streamId: a, producerId: 'prod', requestId: 1, firstSeq: 1, messageIds: [newUlid()], digest: 'd', atMs: 1 });
    for (const db of [s.sources, s.targets]) {
      const v = Buffer.from(db.getRaw(b)!);
      v[v.length - 2] ^= 0x04;
      await db.putRaw(b, v);
    }
    const p = Buffer.from(s.peers.getRaw('p1')!);
    p[6] ^= 0x10;
    await s.peers.putRaw('p1', p);
    await s.close();
    s = new LmdbStorage(dir);
    assert.deepEqual(s.listSourceStreams().map((x) => x.streamId), [a], 'the sound stream is listed');
    assert.deepEqual(s.listTargetStreams().map((x) => x.streamId), [a]);
    assert.deepEqual(s.listPeers(), [], 'the damaged peer is left out');
    assert.deepEqual(s.listDamaged().map((d) => [d.store, d.key]).sort(), [['peer-records', '"p1"'], ['source-records', JSON.stringify(b)], ['target-records', JSON.stringify(b)]]);
    assert.throws(() => s.getSourceStream(b), damaged);
    assert.throws(() => s.getTargetStream(b), damaged);
    await assert.rejects(s.ackInbox(b, 1), damaged, 'an ack over a damaged offset record fails, it does not overwrite it');
    assert.equal(s.listProduced().length, 1);
    await s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a store of record format 2 (metadata without checksums) is migrated when it opens', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-crc-'));
  try {
    const id = newUlid();
    const raw = open({ path: join(dir, 'meshd.lmdb'), compression: false });
    const meta = raw.openDB<unknown, string>({ name: 'meta' });
    await meta.put('recordFormat', 2);
    await meta.put('mesh', { meshId: 'm1', name: 'old', selfId: 'a', createdAtMs: 1, active: true });
    await raw.openDB({ name: 'peers' }).put('p1', { nodeId: 'p1', name: 'p1', address: 'h:1', dial: true, lastSeenMs: 0 });
    await raw.openDB({ name: 'source-streams' }).put(id, { streamId: id, tenantId: 't', source: 'a', targets: ['b'], qos: 'EXACTLY_ONCE', priority: 0, createdAtMs: 0, lastSeq: 7, acked: { b: 3 } });
    await raw.openDB({ name: 'target-streams' }).put(id, { streamId: id, source: 'a', tenantTag: 'ff', receivedOffset: 5, consumerOffset: 2 });
    await raw.openDB({ name: 'produced' }).put([id, 'prod', 4], { streamId: id, producerId: 'prod', requestId: 4, firstSeq: 1, messageIds: [], digest: 'd', atMs: 1 });
    await raw.close();
    let s = new LmdbStorage(dir);
    assert.equal(s.getMesh()?.name, 'old');
    assert.equal(s.listPeers()[0].address, 'h:1');
    assert.deepEqual(s.getSourceStream(id)?.acked, { b: 3 });
    assert.equal(s.getTargetStream(id)?.consumerOffset, 2);
    assert.equal(s.listProduced()[0].requestId, 4);
    await s.close();
    s = new LmdbStorage(dir);
    assert.equal(s.getSourceStream(id)?.lastSeq, 7, 'still there after a second open');
    await s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('batchDigest is BLAKE3 over each payload preceded by its length, however payloads are sized', async () => {
  const fc = (await import('fast-check')).default;
  const { batchDigest } = await import('../../src/main/streams/producers.js');
  const { blake3 } = await import('@napi-rs/blake-hash');
  const sizes = fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 16 * 1024 - 2, max: 70 * 1024 })), { maxLength: 12 });
  fc.assert(fc.property(sizes, fc.integer({ min: 0, max: 255 }), (lens, fill) => {
    const payloads = lens.map((n, i) => Buffer.alloc(n, (fill + i) & 0xff));
    const parts = payloads.flatMap((p) => { const l = Buffer.alloc(4); l.writeUInt32BE(p.length); return [l, p]; });
    assert.equal(batchDigest(payloads), blake3(Buffer.concat(parts)).toString('hex'));
  }), { numRuns: 60 });
});
