/**
 * Regression tests for control-group defects (issue: faults, items 5 and 6 of "Why"):
 * SetJoinPolicy took effect only after a restart, and LeaveMesh right after JoinMesh answered OK
 * while the node stayed a voter, leaving a 2-node mesh CRITICAL for good.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { LocalNode, nodeSpec } from '../../src/main/cli/local-mesh.js';
import { startLine, waitFor, type Line } from '../helpers/cluster.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

const denied = (e: unknown) => e instanceof MeshError && e.code === ErrorCode.PermissionDenied;

test('SetJoinPolicy applies at once on every node: CLOSED refuses joins, a new key replaces the old one', async () => {
  const n = new LocalNode(nodeSpec('newcomer', join(line.dir, 'newcomer')));
  await n.start();
  const c = line.client(n);
  try {
    await line.h.setJoinPolicy('CLOSED');
    for (const x of [line.h, line.w, line.t]) await waitFor(async () => (await x.status()).join_policy === 'CLOSED', 'CLOSED shown everywhere');
    await assert.rejects(c.join(line.trainer.meshAddress, line.key, line.fingerprint), denied, 'CLOSED: the right key is refused');
    await line.w.setJoinPolicy('KEY_REQUIRED', 'the-new-key');
    for (const x of [line.h, line.w, line.t]) await waitFor(async () => (await x.status()).join_policy === 'KEY_REQUIRED', 'KEY_REQUIRED shown everywhere');
    await sleepPastLimiter();
    await assert.rejects(c.join(line.trainer.meshAddress, line.key, line.fingerprint), denied, 'the old key no longer joins');
    await sleepPastLimiter();
    await c.join(line.trainer.meshAddress, 'the-new-key', line.fingerprint);
    assert.ok((await line.h.status()).consensus!.members.some((m) => m.node_id === 'newcomer'));
    await c.leave();
  } finally {
    await n.stop();
  }
});

test('LeaveMesh right after JoinMesh answers once the node is out of the group; the rest stay HEALTHY', async () => {
  const n = new LocalNode(nodeSpec('brief', join(line.dir, 'brief')));
  await n.start();
  const c = line.client(n);
  try {
    await c.join(line.hub.meshAddress, 'the-new-key', line.fingerprint);
    await c.leave();
    const s = await line.h.status();
    assert.ok(!s.consensus!.members.some((m) => m.node_id === 'brief'), 'out of the configuration when LeaveMesh answered');
    await waitFor(async () => (await line.h.status()).health === 'HEALTHY', 'the remaining members are HEALTHY');
  } finally {
    await n.stop();
  }
});

/** Failed joins block the address for a doubling delay (250 ms after the first). */
function sleepPastLimiter(): Promise<void> {
  return new Promise((r) => setTimeout(r, 600));
}
