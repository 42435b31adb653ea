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
    assert.throws(() => s.readInbox(id, 1, 3), damaged);
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
