/**
 * A compromised member forges frames through a transit hop (issue: frames authenticated end to
 * end). Topology hub - worker - trainer, plus a rogue member whose credentials the attacker holds,
 * linked to the worker: it forges an ack "from" the trainer to the hub, a data frame "from" the hub
 * to the trainer, and LSAs "from" the trainer. All are dropped and counted where they arrive; no
 * acknowledged message is lost, the forged payload is never delivered, the trainer stays reachable.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { newUlid, tagOf } from '../../src/shared/ids.js';
import { FrameType, encodeBody, encodeFrame } from '../../src/shared/wire/index.js';
import { LocalNode, nodeSpec } from '../../src/main/cli/local-mesh.js';
import { NodeIdentity, derivePairKey, payloadAad, sealPayload } from '../../src/main/security/index.js';
import { collect, metric, payloads, sleep, startLine, waitFor, type Line } from '../helpers/cluster.js';
import { memberLink, memberTls } from '../helpers/raw-link.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

test('a member forges an ack, a data frame and LSAs in other nodes\' names through a transit hop: all dropped and counted', async () => {
  const meshId = (await line.h.status()).mesh_id;
  // The rogue joins for real, then the attacker takes its keys and links by hand.
  const rogue = new LocalNode(nodeSpec('rogue', join(line.dir, 'rogue')));
  await rogue.start();
  await line.client(rogue).join(line.worker.meshAddress, line.key, line.fingerprint);
  await waitFor(async () => (await line.w.status()).links.some((l) => l.peer === 'rogue'), 'rogue linked');
  const creds = memberTls(rogue);
  const rogueKey = await NodeIdentity.open(join(rogue.spec.dataDir, 'identity'), 'rogue');
  await rogue.stop();
  await waitFor(async () => !(await line.w.status()).links.some((l) => l.peer === 'rogue'), 'rogue process gone');

  const streamId = await line.h.openStream('tenant-a', ['trainer']);
  const done = collect(line.t, streamId, 'tenant-a', 200);
  await line.h.publish(streamId, payloads(0, 100), 'TARGETS_STORED');

  const before = {
    hubBadTag: await metric(line.hub.metricsUrl, 'meshd_frames_dropped_total{reason="bad_tag"}'),
    trainerBadTag: await metric(line.trainer.metricsUrl, 'meshd_frames_dropped_total{reason="bad_tag"}'),
    workerLsa: await metric(line.worker.metricsUrl, 'meshd_lsa_dropped_total{code="ERR_UNAUTHENTICATED"}'),
  };
  const link = await memberLink(line.worker.meshAddress, creds, meshId, 'rogue');
  const hub = tagOf('hub');
  const trainer = tagOf('trainer');
  const guess = randomBytes(32); // the attacker does not hold the trainer-hub or hub-trainer pair key
  const ack = encodeFrame({ type: FrameType.Ack, ttl: 16, src: trainer, dst: hub, streamId, ack: 10_000, seq: 20_000, macKey: guess });
  const data = encodeFrame({
    type: FrameType.Data, ttl: 16, src: hub, dst: trainer, streamId, tenant: tagOf('tenant-a'), seq: 101, chunkSeq: 0, totalChunks: 1,
    messageId: newUlid(), payload: Buffer.from('FORGED'), macKey: guess,
  });
  const body = encodeBody({ origin: 'trainer', seq: Date.now() + 1000, name: 'trainer', address: '', gone: true, adj: [] });
  const lsaSignedByRogue = encodeFrame({ type: FrameType.Lsa, ttl: 16, src: tagOf('rogue'), dst: 0n, payload: body, signature: rogueKey.sign(body) });
  const lsaUnsigned = encodeFrame({ type: FrameType.Lsa, ttl: 16, src: tagOf('rogue'), dst: 0n, payload: body });
  link.send(ack, data, lsaSignedByRogue, lsaUnsigned);

  await waitFor(async () => await metric(line.hub.metricsUrl, 'meshd_frames_dropped_total{reason="bad_tag"}') > before.hubBadTag, 'forged ack dropped at the hub');
  await waitFor(async () => await metric(line.trainer.metricsUrl, 'meshd_frames_dropped_total{reason="bad_tag"}') > before.trainerBadTag, 'forged data dropped at the trainer');
  await waitFor(async () => await metric(line.worker.metricsUrl, 'meshd_lsa_dropped_total{code="ERR_UNAUTHENTICATED"}') >= before.workerLsa + 2, 'forged LSAs refused at the worker');
  const src = (await line.h.status()).streams.find((s) => s.stream_id === streamId && s.role === 'source');
  assert.ok((src?.targets[0]?.acked_seq ?? 0) <= 100, 'the forged ack moved nothing');
  await sleep(500);
  // The victim stays reachable, and the stream goes on: every message once, in order, none forged.
  await line.h.publish(streamId, payloads(100, 100), 'TARGETS_STORED');
  const texts = await done;

  // The rogue's own data frame (its real pair key, so the tag checks) naming a publisher without
  // any right on tenant-a: refused at the target before it is stored, counted, never acknowledged.
  const trainerKeys = await NodeIdentity.open(join(line.trainer.spec.dataDir, 'identity'), 'trainer');
  const ids = (k: NodeIdentity, nodeId: string) => ({ nodeId, key: k.fingerprint, spki: k.spki, kx: k.kx });
  const pair = derivePairKey(rogueKey.agree(trainerKeys.kx), meshId, ids(rogueKey, 'rogue'), ids(trainerKeys, 'trainer'));
  const refusedBefore = await metric(line.trainer.metricsUrl, 'meshd_stream_messages_dropped_total{reason="acl_denied"}');
  const rogueStreams = [newUlid(), newUlid()];
  for (const [i, publisher] of ['mallory', 'admin@hub'].entries()) {
    const rogueStream = rogueStreams[i];
    const sealed = sealPayload(randomBytes(32), 1, payloadAad('tenant-a', rogueStream), Buffer.from('FROM-MALLORY'), tagOf(publisher));
    link.send(encodeFrame({
      type: FrameType.Data, ttl: 16, src: tagOf('rogue'), dst: trainer, streamId: rogueStream, tenant: tagOf('tenant-a'), seq: 1, chunkSeq: 0, totalChunks: 1,
      messageId: newUlid(), payload: sealed, macKey: pair,
    }));
  }
  // 'mallory' has no token or grant; 'admin@hub' is the hub's own admin, which the rogue is not.
  await waitFor(async () => await metric(line.trainer.metricsUrl, 'meshd_stream_messages_dropped_total{reason="acl_denied"}') >= refusedBefore + 2, 'both refused at the trainer');
  for (const id of rogueStreams) {
    const stored = (await line.t.status()).streams.find((x) => x.stream_id === id);
    assert.ok(!stored || Number(stored.received_offset ?? 0) === 0, 'nothing of it stored');
  }
  link.close();
  assert.deepEqual(texts, Array.from({ length: 200 }, (_, i) => `msg-${i}`));
  assert.ok((await line.h.status()).nodes.some((n) => n.node_id === 'trainer' && n.online));
});
