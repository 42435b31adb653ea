/**
 * VirtualLink lanes between real processes: b dials a through a relay that can cut one connection
 * (one lane) and limits each connection's rate, so a bulk lane can be saturated alone.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeshClient } from '../../src/main/api/grpc/client.js';
import { LocalNode, nodeSpec, startAll, waitRoute } from '../../src/main/cli/local-mesh.js';
import { FrameType, HandshakeSchema, decodeBatch, decodeBody, encodeBody, encodeFrame } from '../../src/shared/wire/index.js';
import { metric, waitFor } from '../helpers/cluster.js';
import { handshakeFrame, memberLink, memberTls, raw } from '../helpers/raw-link.js';
import { Relay } from '../helpers/relay.js';

/** Each relayed connection, each way (bytes/s): one bulk lane saturates, the control lane does not. */
const RATE = 1024 * 1024;
/**
 * A bulk lane whose heartbeats go unanswered this often (within two intervals, 200 ms) has that
 * much data queued ahead of its pings (its send buffer, the kernel's, the relay's): it is saturated.
 */
const SATURATED_LOSS = 0.5;

let dir: string;
let a: LocalNode;
let b: LocalNode;
let relay: Relay;
let ca: MeshClient;
let cb: MeshClient;
let meshId: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshd-lanes-'));
  const config = join(dir, 'lanes.json');
  writeFileSync(config, JSON.stringify({ lanes: { scaleUpBacklogBytes: 1048576, scaleUpAfterMs: 500, cooldownMs: 1000, idleMs: 3000 } }));
  const extraArgs = ['--config', config, '--heartbeat-ms', '100', '--dead-after-ms', '800'];
  a = new LocalNode({ ...nodeSpec('a', join(dir, 'a')), extraArgs });
  await startAll([a]);
  relay = new Relay(a.spec.meshPort, RATE);
  const via = await relay.listen();
  b = new LocalNode({ ...nodeSpec('b', join(dir, 'b'), [via]), extraArgs });
  await startAll([b]);
  ca = a.client();
  cb = b.client();
  const { fingerprint } = await ca.seed('lanes', 'KEY_REQUIRED', 'lanes-key');
  await cb.join(via, 'lanes-key', fingerprint);
  await waitRoute(cb, 'a', 30_000);
  meshId = (await ca.status()).mesh_id;
});

after(async () => {
  ca?.close();
  cb?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await relay?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** a's links to b that are up, by lane. */
async function lanesAtA(): Promise<Map<number, { port: number; loss: number; queue: number }>> {
  const s = await ca.status();
  return new Map(s.links.filter((l) => l.peer === 'b' && l.up).map((l) => [l.lane, { port: Number(l.remote.split(':').pop()), loss: 0, queue: Number(l.queue_bytes) }]));
}

async function waitLanes(want: string): Promise<void> {
  await waitFor(async () => [...(await lanesAtA()).keys()].sort().join() === want, `lanes ${want}`, 30_000);
}

/** Publishes `n` messages of `bytes` from b to a and checks they arrive exactly once, in order; `during` runs once a third is out. */
async function stream(n: number, bytes: number, during: () => Promise<void>): Promise<void> {
  const streamId = await cb.openStream('lanes', ['a']);
  let got = 0;
  let inOrder = true;
  const done = new Promise<void>((resolve, reject) => {
    const sub = ca.subscribe({
      streamId, tenantId: 'lanes', credits: 500,
      onMessages: (msgs) => {
        for (const m of msgs) if (m.seq !== ++got || m.payload.length !== bytes || m.payload.readUInt32BE(0) !== m.seq) inOrder = false;
        if (got >= n) { sub.close(); resolve(); }
      },
    });
    sub.done.catch(reject);
  });
  const batch = Math.max(1, Math.floor((1 << 20) / bytes));
  for (let seq = 1; seq <= n; seq += batch) {
    const k = Math.min(batch, n - seq + 1);
    await cb.publish(streamId, Array.from({ length: k }, (_, i) => { const p = Buffer.alloc(bytes, 7); p.writeUInt32BE(seq + i, 0); return p; }));
    if (seq <= n / 3 && seq + k > n / 3) await during();
  }
  await done;
  assert.equal(got, n);
  assert.ok(inOrder, 'every message once, in order, intact');
}

test('the dialer opens control, priority and bulk lanes; each is a member link the listener authenticated', async () => {
  await waitLanes('0,1,2');
  // The listener binds a lane when the dialer's handshake arrives, the dialer when the welcome
  // comes back: b's view may trail a's by that round trip.
  const atB = async () => (await cb.status()).links.filter((l) => l.peer === 'a').map((l) => [l.lane, l.outbound]).sort();
  await waitFor(async () => (await atB()).length === 3, 'three lanes bound at the dialer', 10_000).catch(() => undefined);
  assert.deepEqual(await atB(), [[0, true], [1, true], [2, true]]);
});

test('closing the control lane mid-stream: a data lane carries control at once, nothing is lost or doubled, lane 0 comes back', async () => {
  await waitLanes('0,1,2');
  const promoted = await metric(a.metricsUrl, 'meshd_lane_events_total{event="promoted"}');
  await stream(3000, 64, async () => {
    assert.ok(relay.cut((await lanesAtA()).get(0)!.port, 'close'));
    await waitFor(async () => (await metric(a.metricsUrl, 'meshd_lane_events_total{event="promoted"}')) > promoted, 'a data lane promoted');
  });
  await waitLanes('0,1,2');
  assert.equal((await cb.status()).health, 'HEALTHY');
});

test('a blackholed bulk lane is declared dead; its stream moves to the remaining lanes and the lane is dialed again', async () => {
  await waitLanes('0,1,2');
  const before = (await lanesAtA()).get(2)!.port;
  await stream(3000, 64, async () => {
    assert.ok(relay.cut(before, 'blackhole'));
  });
  await waitFor(async () => { const l = (await lanesAtA()).get(2); return l !== undefined && l.port !== before; }, 'bulk lane redialed', 30_000);
});

test('a saturated bulk lane does not hold back control: heartbeats answered, Raft commits; another bulk lane opens, and closes once idle', async () => {
  await waitLanes('0,1,2');
  const control = (await lanesAtA()).get(0)!.port;
  const scaledUp = await metric(b.metricsUrl, 'meshd_lane_events_total{event="scale_up"}');
  let maxBulkLoss = 0;
  let controlLoss = 0;
  let maxLane = 0;
  let committedWhileSaturated = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const s = await cb.status();
      for (const l of s.links.filter((x) => x.peer === 'a' && x.up)) {
        maxLane = Math.max(maxLane, l.lane);
        if (l.lane === 0 || l.lane === 2) {
          const loss = await metric(b.metricsUrl, `meshd_link_loss_ratio{peer="a",lane="${l.lane}"}`);
          if (l.lane === 0) controlLoss = Math.max(controlLoss, loss);
          else maxBulkLoss = Math.max(maxBulkLoss, loss);
        }
      }
      if (maxBulkLoss >= SATURATED_LOSS) {
        // A Raft write through the control group while the bulk lane is backed up for seconds.
        await cb.sendMeshUpdate('lanes', Buffer.from(`while saturated ${committedWhileSaturated}`));
        committedWhileSaturated++;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  // 8 MiB of 256 KiB messages (four chunks each, striped over the bulk lanes): seconds of data
  // queued on a lane, whatever else the machine is doing.
  await stream(32, 256 * 1024, async () => {});
  polling = false;
  await poll;
  assert.ok(maxBulkLoss >= SATURATED_LOSS, `the bulk lane was saturated (heartbeat loss up to ${maxBulkLoss})`);
  assert.ok(committedWhileSaturated > 0, 'Raft committed while the bulk lane was saturated');
  // Heartbeats are answered within two intervals (a loaded machine may miss one now and then; a
  // control lane behind seconds of bulk data would miss them all) and the lane was never cut.
  assert.ok(controlLoss < 0.5, `heartbeats on the control lane answered (loss ${controlLoss})`);
  assert.equal((await lanesAtA()).get(0)?.port, control, 'the control lane stayed up');
  assert.ok(maxLane === 3 || (await metric(b.metricsUrl, 'meshd_lane_events_total{event="scale_up"}')) > scaledUp, 'another bulk lane opened');
  await waitFor(async () => (await metric(b.metricsUrl, 'meshd_lane_events_total{event="scale_down"}')) > 0, 'the extra lane closed once idle', 30_000);
  await waitLanes('0,1,2');
});

test('lane attacks: a lane over the cap is refused with ERR_RATE_LIMITED, a malformed lane number or credit update is refused and counted', async () => {
  const creds = memberTls(b);
  const answer = async (lane: unknown) => {
    const r = await raw(a.meshAddress, 'mesh', creds, [handshakeFrame({ kind: 'hello', purpose: 'link', meshId, nodeId: 'b', name: 'b', address: '', lane })]);
    const hs = r.received.flatMap((m) => decodeBatch(m)).filter((f) => f.type === FrameType.Handshake).map((f) => decodeBody(HandshakeSchema, f.payload));
    return hs[0]?.kind === 'reject' ? hs[0].code : hs[0]?.kind;
  };
  assert.equal(await answer(6), 'ERR_RATE_LIMITED');
  assert.equal(await answer(99), 'ERR_BODY_MALFORMED');
  assert.equal(await answer(-1), 'ERR_BODY_MALFORMED');

  const bad = await metric(a.metricsUrl, 'meshd_frames_dropped_total{reason="bad_frame"}');
  const link = await memberLink(a.meshAddress, creds, meshId, 'b', 15_000, 3);
  link.send(encodeFrame({ type: FrameType.Credit, ttl: 1, src: 5n, dst: 0n, payload: encodeBody({ granted: -5 }) }));
  assert.equal(await link.closed, 1007);
  await waitFor(async () => (await metric(a.metricsUrl, 'meshd_frames_dropped_total{reason="bad_frame"}')) === bad + 1, 'the bad credit update counted');
  const link2 = await memberLink(a.meshAddress, creds, meshId, 'b', 15_000, 3);
  link2.send(encodeFrame({ type: FrameType.Credit, ttl: 1, src: 5n, dst: 0n, payload: encodeBody({ granted: Number.MAX_SAFE_INTEGER }) }));
  link2.send(encodeFrame({ type: FrameType.Credit, ttl: 1, src: 5n, dst: 0n, payload: Buffer.from('not msgpack at all') }));
  assert.equal(await link2.closed, 1007);
  // The real lanes carry on.
  await stream(200, 64, async () => {});
});

test('collapsible mode: a node with one lane per peer carries everything on it, and refuses the extra lanes of a node that dials it', async () => {
  const c = new LocalNode({ ...nodeSpec('c', join(dir, 'c'), [a.meshAddress]), extraArgs: ['--lanes', '1'] });
  await startAll([c]);
  const cc = c.client();
  const d = new LocalNode({ ...nodeSpec('d', join(dir, 'd'), [c.meshAddress]) });
  await startAll([d]);
  const cd = d.client();
  try {
    const { fingerprint } = await ca.status().then((s) => ({ fingerprint: s.fingerprint }));
    await cc.join(a.meshAddress, 'lanes-key', fingerprint);
    await cd.join(c.meshAddress, 'lanes-key', fingerprint);
    await waitRoute(cd, 'b', 30_000);
    // d asked c for more lanes; c refused them over its cap and d keeps one.
    await waitFor(async () => (await metric(d.metricsUrl, 'meshd_lane_events_total{event="refused"}')) > 0, 'extra lane refused');
    const dLinks = (await cd.status()).links.filter((l) => l.peer === 'c' && l.up);
    assert.deepEqual(dLinks.map((l) => l.lane), [0]);
    assert.deepEqual((await cc.status()).links.filter((l) => l.up).map((l) => [l.peer, l.lane]).sort(), [['a', 0], ['d', 0]]);
    // Client data, acks, LSAs, SWIM and Raft all ride the single lanes: d -> b over d-c-a-b.
    const streamId = await cd.openStream('lanes', ['b']);
    const got: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const sub = cb.subscribe({ streamId, tenantId: 'lanes', credits: 100, onMessages: (m) => { got.push(...m.map((x) => x.payload.toString())); if (got.length >= 300) { sub.close(); resolve(); } } });
      sub.done.catch(reject);
    });
    await cd.publish(streamId, Array.from({ length: 300 }, (_, i) => Buffer.from(`m${i}`)));
    await done;
    assert.deepEqual(got, Array.from({ length: 300 }, (_, i) => `m${i}`));
    await cd.sendMeshUpdate('lanes', Buffer.from('over one lane'));
  } finally {
    cc.close();
    cd.close();
    await Promise.all([c.stop(), d.stop()]);
  }
});
