/**
 * Checksummed storage (issue: faults, item 2 and defect 2): one flipped byte in a stored inbox
 * record is never delivered; the subscriber gets ERR_STORAGE (DATA_LOSS), and the damage is
 * counted and logged.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { open } from 'lmdb';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { metric, payloads, startLine, waitFor, type Line } from '../helpers/cluster.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

test('a flipped byte in a stored inbox record: not delivered, ERR_STORAGE to the subscriber, counted', async () => {
  const streamId = await line.h.openStream('tenant-dmg', ['trainer']);
  await line.h.publish(streamId, payloads(0, 10), 'TARGETS_STORED');
  await line.trainer.stop();
  const raw = open({ path: join(line.trainer.spec.dataDir, 'meshd.lmdb'), compression: false });
  const inbox = raw.openDB<Buffer, [string, number]>({ name: 'inbox', encoding: 'binary' });
  const v = Buffer.from(inbox.get([streamId, 5])!);
  v[v.length - 3] ^= 0x40;
  await inbox.put([streamId, 5], v);
  await raw.close();
  await line.trainer.start();
  const t = line.client(line.trainer);
  // Serving the tenant needs a copy of its key through the control group: wait until it is healthy.
  await waitFor(async () => (await t.status()).health === 'HEALTHY', 'trainer healthy after its restart');
  const got: string[] = [];
  const err = await new Promise<unknown>((resolve) => {
    const sub = t.subscribe({ streamId, tenantId: 'tenant-dmg', credits: 100, onMessages: (m) => { for (const x of m) got.push(x.payload.toString()); } });
    sub.done.then(() => resolve(null), resolve);
  });
  assert.ok(err instanceof MeshError && err.code === ErrorCode.Storage, `got ${String(err)}`);
  assert.match((err as MeshError).message, /inbox of stream .* record seq 5 fails its CRC32C/);
  assert.ok(got.every((p) => !p.startsWith('msg-4')), 'the damaged message was never delivered');
  assert.ok(await metric(line.trainer.metricsUrl, 'meshd_storage_damaged_records_total{store="inbox"}') >= 1);
});
