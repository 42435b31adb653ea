/**
 * Idempotent producers (issue: faults, item 1): a publish retried after the source crashed is
 * applied once, with its original seqs and message ids, and the subscriber sees every message
 * once and in order; the client library resends by itself after a transient failure.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MeshClient, credentialsFromFiles } from '../../src/main/api/grpc/client.js';
import { collect, payloads, startLine, waitFor, type Line } from '../helpers/cluster.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

/** A client of the hub with producer id `producerId` (the hub rewrites its admin token at every start). */
function hubClient(producerId: string): MeshClient {
  return new MeshClient(line.hub.grpcAddress, credentialsFromFiles(line.hub.files!.caFile, line.hub.files!.tokenFile), { producerId });
}

async function restartHub(): Promise<void> {
  await line.hub.kill('SIGKILL');
  await line.hub.start();
  await waitFor(async () => (await hubClient('probe').status()).routes.some((r) => r.destination === 'trainer'), 'hub routes to the trainer again');
}

test('a publish retried with the same producer and request id after kill -9 of the source is applied once', async () => {
  const streamId = await line.h.openStream('tenant-idem', ['trainer']);
  const first = hubClient('producer-a');
  const r1 = await first.publish(streamId, payloads(0, 80), 'TARGETS_STORED', { requestId: 1 });
  first.close();
  await restartHub();
  const second = hubClient('producer-a');
  try {
    const retry = await second.publish(streamId, payloads(0, 80), 'TARGETS_STORED', { requestId: 1 });
    assert.equal(retry.duplicate, true);
    assert.deepEqual([retry.first_seq, retry.message_ids], [r1.first_seq, r1.message_ids]);
    await second.publish(streamId, payloads(80, 20), 'TARGETS_STORED', { requestId: 2 });
    const texts = await collect(line.t, streamId, 'tenant-idem', 100);
    assert.deepEqual(texts, Array.from({ length: 100 }, (_, i) => `msg-${i}`), 'each message once, in order');
    const s = (await second.status()).streams.find((x) => x.stream_id === streamId && x.role === 'source');
    assert.equal(Number(s?.last_seq), 100, 'the retry added nothing to the stream');
  } finally {
    second.close();
  }
});

test('the client resends by itself when the source goes down mid-publish; every message arrives once', async () => {
  const streamId = await hubClient('x').openStream('tenant-idem2', ['trainer']);
  const c = hubClient('producer-b');
  try {
    // The tenant's key exists before the crash (making one needs a healthy control group).
    await c.publish(streamId, payloads(0, 1), 'TARGETS_STORED');
    const pending = c.publish(streamId, payloads(1, 199), 'TARGETS_STORED', { attempts: 20 });
    await line.hub.kill('SIGKILL');
    await line.hub.start();
    const r = await pending; // answered by an attempt after the restart (duplicate when the first one was stored)
    assert.equal(r.count, 199);
    const texts = await collect(line.t, streamId, 'tenant-idem2', 200);
    assert.deepEqual(texts, Array.from({ length: 200 }, (_, i) => `msg-${i}`));
    const s = (await hubClient('y').status()).streams.find((x) => x.stream_id === streamId && x.role === 'source');
    assert.equal(Number(s?.last_seq), 200, 'published once');
  } finally {
    c.close();
  }
});
