import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Packr } from 'msgpackr';
import { NodeMembership } from '../../src/main/node/node-membership.js';
import { DEFAULT_SWIM, encodeSwim, decodeSwim, MAX_GOSSIP_PER_MESSAGE } from '../../src/main/membership/index.js';
import { FrameType, parseFrame } from '../../src/shared/wire/index.js';
import { ErrorCode } from '../../src/shared/errors.js';

function driver() {
  const sent: Uint8Array[] = [];
  const drops: string[] = [];
  const warnings: string[] = [];
  const m = new NodeMembership({
    selfId: 'a', options: DEFAULT_SWIM, capabilities: ['gpu'], version: '1.2.3',
    dp: { execute: (c: { type: string; frame?: Uint8Array }) => { if (c.type === 'send-routed') sent.push(c.frame!); } } as never,
    log: { warn: (_o: unknown, msg: string) => warnings.push(msg), info() {}, debug() {}, error() {} } as never,
    members: () => ['a', 'b', 'c'], onDeadChanged: () => {}, onEvent: () => {}, onDropped: (code) => drops.push(code),
  });
  m.start();
  return { m, sent, drops, warnings };
}

test('SWIM frames: routed type 7, its sender must be the authenticated source, malformed and oversized bodies are dropped with a code', () => {
  const { m, sent, drops, warnings } = driver();
  try {
    // A forged origin: the frame came (pair tag checked) from c, but the body claims b.
    m.receive('c', encodeSwim({ k: 'gossip', from: 'b', gossip: [{ t: 'dead', node: 'c', inc: 9, from: 'b' }] }));
    assert.deepEqual(drops, [ErrorCode.Unauthenticated]);
    assert.equal(m.swim.status('c'), 'alive');
    // From a node that is not a member here (yet): counted, gossip ignored, a ping still answered.
    m.receive('zz', encodeSwim({ k: 'gossip', from: 'zz', gossip: [{ t: 'dead', node: 'b', inc: 3, from: 'zz' }] }));
    assert.equal(drops[1], ErrorCode.PermissionDenied);
    assert.equal(m.swim.status('b'), 'alive');
    const before = sent.length;
    m.receive('zz', encodeSwim({ k: 'ping', seq: 9, from: 'zz', gossip: [] }));
    assert.equal(decodeSwim(parseFrame(sent[before]).payload).k, 'ack');
    drops.splice(1, 1);
    // Not msgpack; wrong shape; too much gossip.
    m.receive('b', Uint8Array.from([0xc1, 0xff]));
    m.receive('b', new Packr({ useRecords: false }).pack({ k: 'ping', seq: -1, from: 'b', gossip: [] }));
    const many = Array.from({ length: MAX_GOSSIP_PER_MESSAGE + 1 }, (_, i) => ({ t: 'alive' as const, node: `n${i}`, inc: 1 }));
    m.receive('b', encodeSwim({ k: 'gossip', from: 'b', gossip: many }));
    assert.deepEqual(drops.slice(2), [ErrorCode.BodyMalformed, ErrorCode.BodyMalformed, ErrorCode.BodyMalformed]);
    assert.equal(warnings.filter((w) => w === 'SWIM message dropped').length, 4, 'forged and malformed ones are logged');
    // A real ping is answered with an ack routed to its sender, carrying this node's metadata.
    m.receive('b', encodeSwim({ k: 'ping', seq: 4, from: 'b', gossip: [] }));
    const f = parseFrame(sent.at(-1)!);
    assert.equal(f.type, FrameType.Swim);
    const body = decodeSwim(f.payload.subarray(0, f.payload.length));
    assert.equal(body.k, 'ack');
    assert.ok(body.gossip.some((g) => g.t === 'alive' && g.node === 'a' && g.meta?.version === '1.2.3' && g.meta.capabilities[0] === 'gpu'));
  } finally {
    m.stop();
  }
});
