/**
 * TenantCrypto.prepare when the control group changes leader under its writes: an ERR_ABORTED
 * write (not applied) is proposed again; when every attempt aborts the caller gets ERR_UNAVAILABLE
 * ("retry"), never the raw abort. The control group is a stand-in here: the test is about the
 * retry rule, not Raft.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { KEY_WRITE_ATTEMPTS, TenantCrypto } from '../../src/main/node/tenant-crypto.js';

/** A node that serves no tenant yet; tenant `t` has epoch 1, wrapped for this node once `want` commits. */
function node(aborts: number) {
  const writes: string[] = [];
  const state = { tenantKeys: new Map([['t', [{ epoch: 1, by: 'other', at: 0, wraps: new Map() }]]]), tenantServers: new Map<string, Set<string>>() };
  let tc: TenantCrypto;
  const control = {
    mcg: { state },
    stamp: () => ({}),
    write: async (kind: string) => {
      writes.push(kind);
      if (writes.length <= aborts) throw new MeshError(ErrorCode.Aborted, 'leadership changed before the entry committed; it was not applied');
      // Applied: a holder wraps the key for this node (here: the unwrapped key appears in the cache).
      (tc as unknown as { keys: Map<string, Buffer> }).keys.set('mesh-1/t#1', Buffer.alloc(32, 1));
      queueMicrotask(() => tc.changed());
    },
  };
  tc = new TenantCrypto({ selfId: 'self', identity: {} as never, trust: { members: () => [] } as never, control: control as never, log: { error() {}, warn() {}, info() {} } as never, meshId: () => 'mesh-1' });
  return { tc, writes };
}

test('a key request aborted by a leader change is proposed again and the key arrives', async () => {
  const { tc, writes } = node(2);
  await tc.prepare('t');
  assert.equal(tc.ready('t'), true);
  assert.deepEqual(writes, ['TenantKeyWant', 'TenantKeyWant', 'TenantKeyWant']);
});

test('a key request aborted at every attempt gives ERR_UNAVAILABLE (retry), after KEY_WRITE_ATTEMPTS writes', async () => {
  const { tc, writes } = node(100);
  await assert.rejects(tc.prepare('t'), (err: MeshError) => err.code === ErrorCode.Unavailable && /retry/.test(err.message));
  assert.equal(writes.length, KEY_WRITE_ATTEMPTS);
  assert.equal(tc.ready('t'), false);
});
