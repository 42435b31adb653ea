import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import type { Entry } from '../../src/main/consensus/index.js';
import { encodeCommand } from '../../src/main/consensus/mcg/commands.js';
import {
  MAX_UPDATE_BATCH_BYTES, MAX_UPDATE_INFLIGHT_BYTES, MAX_UPDATE_SUBSCRIPTIONS, SubscriptionHub, updateBytes, type UpdateView,
} from '../../src/main/consensus/mcg/subscriptions.js';

/** A log of `n` mesh updates of `size` bytes each, indexes 1..n. */
function log(n: number, size: number) {
  const entries: Entry[] = Array.from({ length: n }, (_, i) => ({
    index: i + 1, term: 1, kind: 'data' as const,
    data: encodeCommand({ t: 'mesh-update', topic: 't', payload: new Uint8Array(size), origin: 'a', at: 0, rid: `r${i}` }),
  }));
  return {
    entries: (from: number, to: number) => entries.slice(from - 1, to), firstIndex: () => 1, applied: () => n,
    isDuplicate: () => false, loadAck: () => undefined, storeAck: async () => {},
  };
}

test('update subscriptions bound unacknowledged bytes, cap each batch and wait for the transport to drain', async () => {
  const hub = new SubscriptionHub(log(2048, 64 * 1024), 'a');
  const batches: UpdateView[][] = [];
  let full = false;
  let drain: (() => void) | null = null;
  const sub = hub.subscribe('mesh', 0, '', 2048, {
    push: (u) => { batches.push(u); return !full; }, onDrain: (cb) => { drain = cb; }, end: () => {},
  });
  const sent = () => batches.flat();
  const bytes = (u: UpdateView[]) => u.reduce((a, v) => a + updateBytes(v), 0);
  // A window of 2,048 updates of 64 KiB: the byte limit stops it first, in batches under 1 MiB.
  assert.ok(bytes(sent()) <= MAX_UPDATE_INFLIGHT_BYTES + 64 * 1024 + 256, `in flight: ${bytes(sent())}`);
  assert.ok(sent().length < 2048);
  for (const b of batches) assert.ok(b.length === 1 || bytes(b) <= MAX_UPDATE_BATCH_BYTES, 'each response is capped');
  assert.deepEqual(sent().map((v) => v.index), Array.from({ length: sent().length }, (_, i) => i + 1), 'in order, none twice');
  // The transport is full: acknowledging frees room but nothing more goes until it drains.
  full = true;
  await sub.ack(sent().at(-1)!.index);
  const whenFull = sent().length;
  await sub.ack(sent().at(-1)!.index);
  assert.equal(sent().length, whenFull, 'nothing more while the transport holds back');
  full = false;
  (drain as unknown as () => void)();
  assert.ok(sent().length > whenFull, 'resumes on drain');
  assert.deepEqual(sent().map((v) => v.index), Array.from({ length: sent().length }, (_, i) => i + 1));
});

test('a node serves at most MAX_UPDATE_SUBSCRIPTIONS update subscriptions; a closed one frees its place', () => {
  const hub = new SubscriptionHub(log(4, 16), 'a');
  const sink = { push: () => true, onDrain: () => {}, end: () => {} };
  const subs = Array.from({ length: MAX_UPDATE_SUBSCRIPTIONS }, () => hub.subscribe('mesh', 0, '', 16, sink));
  assert.throws(() => hub.subscribe('db', 0, '', 16, sink), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.RateLimited);
  subs[0].close(new Error('client gone'));
  assert.ok(hub.subscribe('mesh', 0, '', 16, sink));
});
