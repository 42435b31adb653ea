/**
 * A full disk (`storage.maxBytes` as the disk's size): a full target stops acknowledging and
 * the source keeps what it has not stored; a full source refuses publishes with
 * ERR_STORAGE_FULL. Nothing acknowledged is lost, and once there is room again every message
 * arrives once, in order.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { collect, metric, sleep, startLine, waitFor, type Line } from '../helpers/cluster.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

const kib = (i: number) => Buffer.from(`m-${i}-`.padEnd(1024, 'x'));

/** Restarts `n` with `args` and waits until it is healthy (serving a tenant needs the control group). */
async function restartWith(n: Line['hub'], args: string[]): Promise<void> {
  await n.stop();
  n.spec.extraArgs = args;
  await n.start();
  const c = n.client();
  try {
    await waitFor(async () => (await c.status()).health === 'HEALTHY', `${n.spec.id} healthy`);
  } finally {
    c.close();
  }
}

test('a full target stores and acknowledges nothing more; its source keeps the rest until there is room', async () => {
  const streamId = await line.h.openStream('tenant-full', ['trainer']);
  await line.h.publish(streamId, [kib(0)], 'TARGETS_STORED');
  const used = await metric(line.trainer.metricsUrl, 'meshd_storage_used_bytes');
  assert.ok(used > 0, 'the store reports what it holds');
  await restartWith(line.trainer, ['--storage-max-bytes', String(used + 256 * 1024)]);
  // 2 MiB for a target with room for about 256 KiB more: accepted by the source, not all stored.
  for (let b = 0; b < 20; b++) await line.h.publish(streamId, Array.from({ length: 100 }, (_, i) => kib(1 + b * 100 + i)), 'SOURCE_DURABLE');
  await waitFor(async () => await metric(line.trainer.metricsUrl, 'meshd_stream_messages_dropped_total{reason="storage_full"}') > 0, 'the full target refuses');
  await sleep(500);
  const target = (await line.client(line.trainer).status()).streams.find((s) => s.stream_id === streamId);
  assert.ok(target && Number(target.received_offset) < 2001, `stored only part: ${target?.received_offset}`);
  // Room again: everything arrives, once, in order.
  await restartWith(line.trainer, []);
  const got = await collect(line.client(line.trainer), streamId, 'tenant-full', 2001);
  assert.deepEqual(got.map((p) => p.split('-')[1]), Array.from({ length: 2001 }, (_, i) => String(i)));
});

test('a full source refuses publishes with ERR_STORAGE_FULL (RESOURCE_EXHAUSTED) and stays up', async () => {
  const streamId = await line.h.openStream('tenant-full', ['trainer']);
  await restartWith(line.hub, ['--storage-max-bytes', '4096']);
  const h = line.client(line.hub);
  const err = await h.publish(streamId, [kib(0)], 'SOURCE_DURABLE', { attempts: 1 }).then(() => null, (e: unknown) => e);
  assert.ok(err instanceof MeshError && err.code === ErrorCode.StorageFull, `got ${String(err)}`);
  assert.ok(await metric(line.hub.metricsUrl, 'meshd_api_errors_total{code="ERR_STORAGE_FULL"}') >= 1);
  await restartWith(line.hub, []);
  const h2 = line.client(line.hub);
  const r = await h2.publish(streamId, [kib(1)], 'TARGETS_STORED');
  assert.equal(Number(r.first_seq), 1, 'the refused publish took no seq');
});
