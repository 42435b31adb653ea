/**
 * meshd's malloc tunables (src/main/cli/malloc.ts): added to a child's GLIBC_TUNABLES without
 * overriding an operator's own values, and seen by a process started with them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { MALLOC_TUNABLES, mallocTuned, withMallocTunables } from '../../src/main/cli/malloc.js';

test('the tunables are added to an environment without them, and it then counts as tuned', () => {
  const env = withMallocTunables({ PATH: '/bin' });
  assert.equal(env.PATH, '/bin');
  assert.equal(env.GLIBC_TUNABLES, Object.entries(MALLOC_TUNABLES).map(([k, v]) => `${k}=${v}`).join(':'));
  assert.ok(mallocTuned(env));
  assert.ok(!mallocTuned({}));
  assert.ok(!mallocTuned({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=1048576' }), 'another tunable alone is not ours');
});

test('an operator\'s own values win and other tunables are kept', () => {
  const env = withMallocTunables({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=1048576:glibc.pthread.rseq=0' });
  const items = env.GLIBC_TUNABLES!.split(':');
  assert.ok(items.includes('glibc.malloc.trim_threshold=1048576'));
  assert.ok(items.includes('glibc.pthread.rseq=0'));
  assert.ok(items.includes('glibc.malloc.hugetlb=1'));
  const own = withMallocTunables({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' });
  assert.equal(own.GLIBC_TUNABLES, 'glibc.malloc.hugetlb=0', 'the operator\'s value is kept, not doubled');
  const same = { GLIBC_TUNABLES: env.GLIBC_TUNABLES };
  assert.equal(withMallocTunables(same), same, 'nothing to add: the same environment');
});

test('a child process started with them sees them', () => {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(process.env.GLIBC_TUNABLES ?? "")'], { env: withMallocTunables({}), encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.ok(mallocTuned({ GLIBC_TUNABLES: r.stdout }), r.stdout);
});
