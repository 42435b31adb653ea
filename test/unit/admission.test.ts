/**
 * QoS admission (node/admission.ts) and the send-window share of the stream sender: what a
 * flood of publishes, a failing store or a policy change does, with a fake publish.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Admission, type RefusalReason } from '../../src/main/node/admission.js';
import type { McgQosPolicy } from '../../src/main/consensus/mcg/index.js';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { TargetSender, type SenderStream } from '../../src/main/streams/target-sender.js';
import type { StoredMessage } from '../../src/main/storage/index.js';
import type { DataPlanePort } from '../../src/workers/dataplane/index.js';

const policy = (p: Partial<McgQosPolicy>): McgQosPolicy => ({ domain: 't', priorityWeight: 100, maxPending: 0, maxInFlight: 0, breakerFailures: 0, breakerOpenMs: 5000, index: 1, ...p });
const quiet = { warn: () => undefined } as never;

function admission(policies: Map<string, McgQosPolicy>, pending = 0) {
  const refused: RefusalReason[] = [];
  const a = new Admission({ policies: () => policies, pending: () => pending, onRefused: (r) => refused.push(r), log: quiet });
  return { a, refused };
}
const code = (c: string) => (e: unknown) => e instanceof MeshError && e.code === c;

test('max_in_flight refuses the publish over the limit and admits again once one ends', async () => {
  const { a, refused } = admission(new Map([['t', policy({ maxInFlight: 2 })]]));
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const held = [a.run('t', 1, () => gate), a.run('t', 1, () => gate)];
  await assert.rejects(a.run('t', 1, async () => undefined), code(ErrorCode.RateLimited));
  await a.run('other', 1, async () => undefined); // another tenant has no policy
  release();
  await Promise.all(held);
  await a.run('t', 1, async () => undefined);
  assert.deepEqual(refused, ['max_in_flight']);
});

test('max_pending refuses a publish that would pass it; the * policy covers tenants without their own', async () => {
  const { a, refused } = admission(new Map([['*', policy({ domain: '*', maxPending: 10 })]]), 8);
  await a.run('t', 2, async () => undefined);
  await assert.rejects(a.run('t', 3, async () => undefined), code(ErrorCode.RateLimited));
  assert.deepEqual(refused, ['max_pending']);
  assert.equal(a.policyOf('anyone')?.domain, '*');
});

test('the breaker opens after consecutive server-side failures, refuses fast, half-opens after the open time; client errors never count', async () => {
  const policies = new Map([['t', policy({ breakerFailures: 3, breakerOpenMs: 200 })]]);
  const { a, refused } = admission(policies);
  const fail = (c: string) => async () => { throw new MeshError(c as ErrorCode, 'x'); };
  for (let i = 0; i < 5; i++) await assert.rejects(a.run('t', 1, fail(ErrorCode.InvalidArgument)), code(ErrorCode.InvalidArgument));
  for (let i = 0; i < 3; i++) await assert.rejects(a.run('t', 1, fail(ErrorCode.Storage)), code(ErrorCode.Storage));
  let called = false;
  await assert.rejects(a.run('t', 1, async () => { called = true; }), code(ErrorCode.Unavailable));
  assert.equal(called, false, 'refused without trying');
  assert.deepEqual(refused, ['circuit_open']);
  await new Promise((r) => setTimeout(r, 250));
  await a.run('t', 1, async () => undefined); // half-open: one goes through and closes the circuit
  await a.run('t', 1, async () => undefined);
  // A new policy (another index) starts a fresh breaker.
  for (let i = 0; i < 3; i++) await assert.rejects(a.run('t', 1, fail(ErrorCode.Unavailable)));
  policies.set('t', policy({ breakerFailures: 3, breakerOpenMs: 200, index: 2 }));
  await a.run('t', 1, async () => undefined);
});

test('priority weight: a stream whose share is 10 % keeps a tenth of the send window in flight', () => {
  const sent: number[] = [];
  const dp = { execute: (m: { msg: { seq: number } }) => sent.push(m.msg.seq) } as unknown as DataPlanePort;
  const cfg = { windowMessages: 1000, rtoMinMs: 200, rtoMaxMs: 60_000 } as never;
  const read = (_rt: SenderStream, from: number, n: number): StoredMessage[] => Array.from({ length: n }, (_, i) => ({ seq: from + i, messageId: 'm', publishedAtMs: 0, payload: new Uint8Array(100) }));
  const rt = { meta: { streamId: 's', tenantId: 't', priority: 0 }, tenantTag: 1n, durableSeq: 5000 } as unknown as SenderStream;
  for (const [share, want] of [[1, 1000], [0.1, 100]] as const) {
    sent.length = 0;
    const s = new TargetSender({ dp, cfg, hasRoute: () => true, read, onGap: () => undefined, onRetransmit: () => undefined, windowShare: () => share });
    s.pump(rt, s.target('b', 2n, 0));
    assert.equal(sent.length, want);
  }
});
