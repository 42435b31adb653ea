/**
 * CloseClientDataStream against real nodes: the source refuses publishes, sends an end marker
 * after the last message and deletes the stream once every target stored it; the target keeps
 * serving its subscriber to the last message, then ends the subscription cleanly and deletes its
 * inbox. A target away during the close, and a source restarted in the middle of one, delay it
 * but do not lose it. Refusals: other tenants' tokens, unknown and malformed ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startLineMesh } from '../../src/main/cli/local-mesh.js';
import type { MeshEvent__Output } from '../../src/generated/mesh/v1/MeshEvent.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { payloads, waitFor } from '../helpers/cluster.js';

const MESHCTL = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'dist', 'src', 'main', 'cli', 'meshctl.js');
const is = (code: string) => (e: { code?: string }) => e.code === code;

test('CloseClientDataStream drains to the target, deletes at the source, then at the target once consumed; a target away and a source restart delay it without loss', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-close-'));
  const mesh = await startLineMesh(dir, ['a', 'b']);
  const [a, b] = mesh.nodes;
  try {
    const [ca, cb] = mesh.clients;
    const events: MeshEvent__Output[] = [];
    const watchA = ca.watchEvents(['STREAM_CLOSED'], (e) => events.push(e));
    const watchB = cb.watchEvents(['STREAM_CLOSED'], (e) => events.push(e));
    const s1 = await ca.openStream('t', ['b']);
    await ca.publish(s1, payloads(0, 100), 'TARGETS_STORED');
    // A subscriber takes 60, then the stream is closed: answered once b stored all 100.
    const got: number[] = [];
    let stopAt = 60;
    const sub = cb.subscribe({ streamId: s1, tenantId: 't', credits: 10, onMessages: async (ms) => {
      for (const m of ms) got.push(Number(m.seq));
      while (got.length >= stopAt && stopAt < 1000) await new Promise((r) => setTimeout(r, 50));
    } });
    await waitFor(() => got.length >= 60, '60 consumed');
    const printed = JSON.parse((await promisify(execFile)(process.execPath, [MESHCTL, '--node', a.grpcAddress, '--ca-file', a.files!.caFile, '--token-file', a.files!.tokenFile, '--json', 'close', s1])).stdout) as { last_seq: number };
    assert.equal(printed.last_seq, 100);
    assert.ok(!(await ca.status()).streams.some((x) => x.stream_id === s1), 'deleted at the source');
    await assert.rejects(ca.publish(s1, payloads(0, 1)), is(ErrorCode.NotFound));
    await waitFor(() => events.find((e) => e.node_id === 'a' && e.stream_id === s1), 'STREAM_CLOSED at a');
    // Its log line names the stream (stream_id), as every stream line does.
    const lines: string[] = [];
    const opsA = a.ops();
    const logs = opsA.logs('info', 1000, (l) => lines.push(l.line));
    await waitFor(() => lines.some((l) => (JSON.parse(l) as { stream_id?: string }).stream_id === s1), 'a log line with stream_id');
    logs.close();
    opsA.close();
    // b still serves the rest, then ends the subscription cleanly and forgets the stream.
    assert.ok((await cb.status()).streams.some((x) => x.stream_id === s1));
    stopAt = 1000;
    await sub.done;
    assert.deepEqual(got, Array.from({ length: 100 }, (_, i) => i + 1));
    await waitFor(() => events.filter((x) => x.stream_id === s1).length === 2, 'STREAM_CLOSED at b too (naming the source)');
    await waitFor(async () => ((await cb.status()).streams.some((x) => x.stream_id === s1) ? undefined : true), 'gone from b\'s status');
    await assert.rejects(cb.subscribe({ streamId: s1, tenantId: 't', onMessages: () => {} }).done, is(ErrorCode.NotFound));

    // The target is away: the close times out (UNAVAILABLE), publishes are refused, and it completes once b is back, after a restart of a too.
    const s2 = await ca.openStream('t', ['b']);
    await ca.publish(s2, payloads(0, 10), 'TARGETS_STORED');
    await b.stop();
    await ca.publish(s2, payloads(10, 5));
    await assert.rejects(ca.closeStream(s2, 500), is(ErrorCode.Unavailable));
    await assert.rejects(ca.publish(s2, payloads(0, 1)), is(ErrorCode.FailedPrecondition));
    await a.stop();
    await a.start();
    await b.start();
    const ca2 = a.client();
    const cb2 = b.client();
    await waitFor(async () => ((await ca2.status()).streams.some((x) => x.stream_id === s2) ? undefined : true), 'the close completed at a after the restarts', 60_000);
    const got2: number[] = [];
    const sub2 = cb2.subscribe({ streamId: s2, tenantId: 't', onMessages: (ms) => { for (const m of ms) got2.push(Number(m.seq)); } });
    await sub2.done;
    assert.deepEqual(got2, Array.from({ length: 15 }, (_, i) => i + 1), 'everything published before the close, nothing more');

    // Refusals.
    const s3 = await ca2.openStream('t', ['b']);
    const other = (await ca2.createToken({ subject: 'x', role: 'publisher', tenant: 'other', ttlMs: 60_000 })).token;
    await assert.rejects(a.client(other).closeStream(s3), is(ErrorCode.PermissionDenied));
    await assert.rejects(ca2.closeStream('01ARZ3NDEKTSV4RRFFQ69G5FAV'), is(ErrorCode.NotFound));
    await assert.rejects(ca2.closeStream('not-a-stream'), is(ErrorCode.InvalidArgument));
    await assert.rejects(ca2.closeStream(s3, 700_000), is(ErrorCode.InvalidArgument));
    watchA.close();
    watchB.close();
    for (const c of [ca2, cb2]) c.close();
  } finally {
    await mesh.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
