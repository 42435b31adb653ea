import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEMBERSHIP_FILE, MembershipBackupWriter, backupPeers, readMembershipBackup } from '../../src/main/node/membership-backup.js';

const mesh = { meshId: 'm', name: 'mesh', selfId: 'a', createdAtMs: 1, active: true };
const member = (nodeId: string, address: string) => ({ nodeId, name: nodeId, address, key: `k-${nodeId}`, spki: `s-${nodeId}`, kx: `x-${nodeId}` });

test('the membership backup round-trips, is private, and gives the other members as peers to dial', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-mb-'));
  try {
    const w = new MembershipBackupWriter(dir);
    w.write(mesh, [member('a', 'h:1'), member('b', 'h:2')]);
    assert.equal(statSync(join(dir, MEMBERSHIP_FILE)).mode & 0o777, 0o600);
    const b = readMembershipBackup(dir)!;
    assert.deepEqual(b.mesh.pins?.map((p) => p.nodeId), ['a', 'b']);
    assert.deepEqual(backupPeers(b, 'a').map((p) => [p.nodeId, p.address, p.dial]), [['b', 'h:2', true]]);
    w.remove();
    assert.equal(readMembershipBackup(dir), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a malformed or forged-shape membership backup is refused, not half-read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-mb-'));
  try {
    writeFileSync(join(dir, MEMBERSHIP_FILE), '{"mesh":{"meshId":1}}');
    assert.throws(() => readMembershipBackup(dir));
    writeFileSync(join(dir, MEMBERSHIP_FILE), 'not json');
    assert.throws(() => readMembershipBackup(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
