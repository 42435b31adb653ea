import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { newUlid, randomUlid } from '../../src/shared/ids.js';
import { FrameType, HandshakeSchema, decodeBatch, decodeBody, encodeBody, encodeFrame } from '../../src/shared/wire/index.js';
import { payloads, startLine, waitFor, type Line } from '../helpers/cluster.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

/** Opens a raw WebSocket to a mesh port, sends `msgs`, resolves with what came back and the close code. */
function raw(address: string, msgs: Array<Buffer | string>): Promise<{ code: number; received: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${address}/mesh`);
    const received: Buffer[] = [];
    ws.on('open', () => { for (const m of msgs) ws.send(m); });
    ws.on('message', (d) => received.push(d as Buffer));
    ws.on('close', (code) => resolve({ code, received }));
    ws.on('error', reject);
    setTimeout(() => { ws.terminate(); reject(new Error('server did not close the connection')); }, 15_000).unref();
  });
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').pop()) : 0;
}

test('garbage from a raw WebSocket client is refused and does not disturb a stream in flight', async () => {
  const streamId = await line.h.openStream('bad', ['trainer']);
  const n = 10_000;
  let got = 0;
  let inOrder = true;
  const done = new Promise<void>((resolve, reject) => {
    const sub = line.t.subscribe({
      streamId, tenantId: 'bad', credits: 2000,
      onMessages: (msgs) => { for (const m of msgs) { if (m.seq !== ++got) inOrder = false; } if (got >= n) { sub.close(); resolve(); } },
    });
    sub.done.catch(reject);
  });
  const publishing = (async () => { for (let i = 0; i < n; i += 500) await line.h.publish(streamId, payloads(i, 500)); })();

  const valid = encodeFrame({ type: FrameType.Data, ttl: 4, src: 1n, dst: 2n, streamId: newUlid(), seq: 1, payload: Buffer.from('x') });
  const badCrc = Buffer.from(valid);
  badCrc[badCrc.length - 1] ^= 0xff;
  const oversized = Buffer.from(valid.subarray(0, 96));
  oversized.writeUInt32BE(0x7fffffff, 8);
  for (const target of [line.worker, line.trainer]) {
    const attacks: Array<Buffer | string> = [Buffer.from('definitely not a frame'), badCrc, oversized, valid.subarray(0, 50), 'text message', valid];
    for (const a of attacks) {
      const r = await raw(target.meshAddress, [a]);
      assert.notEqual(r.code, 1000, `connection closed abnormally for ${String(a).slice(0, 20)}`);
    }
  }
  await publishing;
  await done;
  assert.equal(got, n);
  assert.ok(inOrder);
  const text = await (await fetch(`${line.worker.metricsUrl}/metrics`)).text();
  assert.match(text, /meshd_frames_dropped_total\{reason="bad_crc"\} [1-9]/);
  assert.match(text, /meshd_frames_dropped_total\{reason="oversized"\} [1-9]/);
  assert.match(text, /meshd_frames_dropped_total\{reason="text_message"\} [1-9]/);
  assert.match(text, /meshd_frames_dropped_total\{reason="unauthenticated"\} [1-9]|meshd_frames_dropped_total\{reason="bad_frame"\} [1-9]/);
  assert.equal((await (await fetch(`${line.worker.metricsUrl}/healthz`)).json() as { status: string }).status, 'ok');
});

test('a link handshake with a wrong mesh id is rejected with ERR_PERMISSION_DENIED', async () => {
  const hello = encodeFrame({ type: FrameType.Handshake, ttl: 1, src: 5n, dst: 0n, payload: encodeBody({
    kind: 'hello', purpose: 'link', meshId: randomUlid(), nodeId: 'stranger', name: 'stranger', address: '', nonce: new Uint8Array(16),
  }) });
  const r = await raw(line.hub.meshAddress, [hello]);
  assert.equal(r.code, 4003);
  const reply = decodeBody(HandshakeSchema, decodeBatch(r.received[0])[0].payload);
  assert.equal(reply.kind, 'reject');
  assert.equal(reply.kind === 'reject' && reply.code, ErrorCode.PermissionDenied);
  assert.ok(!(await line.h.status()).nodes.some((n) => n.node_id === 'stranger'));
});

function code(c: string) {
  return (e: unknown) => e instanceof MeshError && e.code === c;
}

test('invalid gRPC arguments get stable codes and are counted', async () => {
  const before = await metric(line.hub.metricsUrl, 'meshd_api_errors_total{code="ERR_INVALID_ARGUMENT"}');
  await assert.rejects(line.h.publish(randomUlid(), [Buffer.from('x')]), code(ErrorCode.NotFound));
  await assert.rejects(line.h.publish('not-a-ulid', [Buffer.from('x')]), code(ErrorCode.InvalidArgument));
  await assert.rejects(line.h.openStream('tenant', []), code(ErrorCode.InvalidArgument));
  await assert.rejects(line.h.openStream('bad tenant!', ['trainer']), code(ErrorCode.InvalidArgument));
  await assert.rejects(line.h.openStream('tenant', ['nobody']), code(ErrorCode.NotFound));
  await assert.rejects(line.h.openStream('tenant', ['hub']), code(ErrorCode.InvalidArgument));
  const sid = await line.h.openStream('tenant', ['trainer']);
  await assert.rejects(line.h.publish(sid, [Buffer.alloc(9 * 1024 * 1024)]), code(ErrorCode.PayloadTooLarge));
  await assert.rejects(line.h.publish(sid, []), code(ErrorCode.InvalidArgument));
  await assert.rejects(line.h.seed('again', 'OPEN'), code(ErrorCode.AlreadyExists));
  await assert.rejects(line.w.join('no-port', ''), code(ErrorCode.AlreadyExists));
  await line.h.publish(sid, [Buffer.from('one')], 'TARGETS_STORED');
  await assert.rejects(new Promise<void>((resolve, reject) => {
    const sub = line.t.subscribe({ streamId: sid, tenantId: 'other-tenant', onMessages: () => resolve() });
    sub.done.then(() => reject(new Error('ended')), reject);
  }), code(ErrorCode.UnknownTenant));
  const after = await metric(line.hub.metricsUrl, 'meshd_api_errors_total{code="ERR_INVALID_ARGUMENT"}');
  assert.ok(after >= before + 4, `counter went from ${before} to ${after}`);
  await waitFor(async () => (await line.h.status()).streams.some((s) => s.stream_id === sid && s.targets[0].acked_seq === 1), 'stream still works');
});
