import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Subscription } from '../../src/main/streams/index.js';
import type { StoredMessage, StreamStore } from '../../src/main/storage/index.js';
import type { TargetRuntime } from '../../src/main/streams/target.js';

/** A subscription over an inbox of 100 messages whose acknowledgements are stored only when the test says so. */
function setup(credits: number) {
  const rt = { rec: { streamId: 's', source: 'a', tenantTag: 't', receivedOffset: 100, consumerOffset: 0 }, committedOffset: 100 } as unknown as TargetRuntime;
  const pendingAcks: Array<{ offset: number; store: () => void }> = [];
  const store = {
    ackInbox: (_id: string, offset: number) => new Promise<void>((resolve) => pendingAcks.push({ offset, store: resolve })),
  } as unknown as StreamStore;
  const batches: number[][] = [];
  const sub = new Subscription({
    streamId: 's', tenantTag: 't', store, credits,
    read: (from, limit) => Array.from({ length: Math.min(limit, 101 - from) }, (_, i): StoredMessage => ({ seq: from + i, messageId: `m${from + i}`, publishedAtMs: 0, payload: new Uint8Array(8) })),
    sink: { write: (b) => { batches.push(b.messages.map((m) => m.seq)); return true; }, onDrain: () => undefined, close: () => undefined },
    runtime: () => rt,
    onDelivered: () => undefined,
    open: (m) => m,
    onConsumed: () => undefined,
    onDamaged: () => undefined,
    onClose: () => undefined,
  });
  const delivered = () => batches.flat().length;
  return { sub, pendingAcks, delivered };
}

test('credits count only once the acknowledgement is stored: never more than one window past the stored offset', async () => {
  const { sub, pendingAcks, delivered } = setup(10);
  sub.pump();
  assert.equal(delivered(), 10, 'the first window goes out');
  const acking = sub.ack(10, 10);
  await new Promise((r) => setImmediate(r));
  sub.pump(); // as when more messages commit meanwhile
  assert.equal(delivered(), 10, 'nothing more while the acknowledgement is still being stored');
  assert.equal(pendingAcks.length, 1);
  pendingAcks[0].store();
  await acking;
  assert.equal(delivered(), 20, 'the next window follows the stored acknowledgement');
  assert.equal(sub.deliveredOffset, 20);
});

test('an acknowledgement that does not advance the offset grants its credits at once', async () => {
  const { sub, pendingAcks, delivered } = setup(10);
  sub.pump();
  await sub.ack(0, 5);
  assert.equal(pendingAcks.length, 0, 'nothing to store');
  assert.equal(delivered(), 15);
});

test('an acknowledgement beyond what was delivered is refused with ERR_INVALID_ARGUMENT', async () => {
  const { sub } = setup(10);
  sub.pump();
  await assert.rejects(sub.ack(11, 1), (err: Error & { code?: string }) => err.code === 'ERR_INVALID_ARGUMENT');
});
