/**
 * The Mesh Control Group on five real processes: a leader killed with SIGKILL while a client
 * writes, and a partition of two from three, with every acknowledged write checked on every node.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { sleep, waitFor } from '../helpers/cluster.js';
import { meshUpdates, startFive, type Five } from '../helpers/five.js';

let five: Five;
before(async () => { five = await startFive(); });
after(async () => { await five?.stop(); });

const leaderIndex = async (from = 0): Promise<number> => {
  const s = await five.clients[from].status();
  const i = five.nodes.findIndex((n) => n.spec.id === s.consensus?.leader);
  assert.ok(i >= 0, 'a leader is known');
  return i;
};

/** Writes through node `via` until `stop()`; returns the payloads acknowledged. */
function writer(via: () => number, prefix: string): { acked: string[]; errors: string[]; stop(): Promise<void> } {
  const acked: string[] = [];
  const errors: string[] = [];
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const p = `${prefix}-${i}`;
      try {
        await five.clients[via()].sendMeshUpdate('test', Buffer.from(p), p);
        acked.push(p);
      } catch (err) {
        errors.push((err as MeshError).code ?? String(err));
        await sleep(50);
      }
    }
  })();
  return { acked, errors, async stop() { running = false; await loop; } };
}

/** Every node holds every acknowledged payload, each once, in one order. */
async function checkAllAgree(acked: string[], nodes = [0, 1, 2, 3, 4]): Promise<void> {
  const want = new Set(acked);
  const orders: string[][] = [];
  for (const i of nodes) {
    const seen = await meshUpdates(five.clients[i], (s) => [...want].every((p) => s.some(([, x]) => x === p)));
    const payloads = seen.map(([, x]) => x);
    assert.equal(new Set(payloads).size, payloads.length, `n${i + 1} applied an update twice`);
    orders.push(payloads);
  }
  for (const o of orders.slice(1)) {
    const n = Math.min(o.length, orders[0].length);
    assert.deepEqual(o.slice(0, n), orders[0].slice(0, n), 'every node applied the same updates in the same order');
  }
}

test('kill -9 of the leader while a client writes: a new leader is elected and every acknowledged write is on every node', async () => {
  const old = await leaderIndex();
  const oldTerm = (await five.clients[old].status()).consensus!.term;
  const via = (old + 1) % 5;
  const w = writer(() => via, 'kill');
  await waitFor(() => w.acked.length >= 50, '50 writes before the kill');
  await five.nodes[old].kill('SIGKILL');
  const before = w.acked.length;
  await waitFor(() => w.acked.length >= before + 50, '50 writes after the kill', 60_000);
  await w.stop();
  const s = await five.clients[via].status();
  assert.notEqual(s.consensus!.leader, five.nodes[old].spec.id, 'a new leader');
  assert.ok(s.consensus!.term > oldTerm, 'in a later term');
  await five.nodes[old].start(); // same data dir and ports
  await checkAllAgree(w.acked);
  console.log(JSON.stringify({ test: 'leader-kill', acked: w.acked.length, refusedWhileElecting: w.errors.length }));
});

test('a partition of 2 from 3: the 3 keep writing, the 2 refuse with FAILED_PRECONDITION; after healing all agree', async () => {
  five.partition([0, 1], [2, 3, 4]);
  await waitFor(async () => (await five.clients[0].status()).health === 'CRITICAL', 'minority CRITICAL');
  await waitFor(async () => (await five.clients[2].status()).health === 'DEGRADED', 'majority DEGRADED');
  // The majority side writes (after electing a leader among itself if it has to).
  const majority: string[] = [];
  for (let i = 0; i < 20; i++) {
    const p = `major-${i}`;
    await waitFor(async () => { await five.clients[2 + (i % 3)].sendMeshUpdate('test', Buffer.from(p), p); return true; }, `write ${p}`, 30_000);
    majority.push(p);
  }
  // The minority side refuses, with a stable code.
  for (const i of [0, 1]) {
    await assert.rejects(five.clients[i].sendMeshUpdate('test', Buffer.from('minor'), `minor-${i}`), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.FailedPrecondition);
  }
  const ml = (await five.clients[2].status()).consensus!.leader;
  assert.ok(['n3', 'n4', 'n5'].includes(ml), `the majority's leader (${ml}) is on its side`);
  five.heal();
  await waitFor(async () => (await Promise.all(five.clients.map((c) => c.status()))).every((s) => s.health === 'HEALTHY'), 'all HEALTHY after healing', 60_000);
  await checkAllAgree(majority);
  const applied = async () => (await Promise.all(five.clients.map((c) => c.status()))).map((s) => s.consensus!.applied_index);
  await waitFor(async () => new Set(await applied()).size === 1, 'every node at the same applied index', 30_000);
});

test('node and internal-DB updates reach their subscribers; a retried request id is applied once; EvictNode keeps a node out', async () => {
  const a = await five.clients[0].sendNodeUpdate('n4', 'cfg', Buffer.from('for-n4'), 'node-1');
  const again = await five.clients[1].sendNodeUpdate('n4', 'cfg', Buffer.from('for-n4'), 'node-1');
  assert.equal(again.duplicate, true);
  assert.equal(Number(again.index), Number(a.index));
  const got: string[] = [];
  const sub = five.clients[3].subscribeUpdates('node', { onUpdates: (u) => { for (const x of u) got.push(`${x.node_id}:${Buffer.from(x.payload).toString()}`); } });
  sub.done.catch(() => {});
  await waitFor(() => got.includes('n4:for-n4'), 'node update on n4');
  sub.close();
  assert.equal(got.length, 1, 'the retry was not delivered again');
  await five.clients[2].sendDbUpdate('users', 'u1', 'PUT', Buffer.from('alice'));
  const db: string[] = [];
  const dsub = five.clients[4].subscribeUpdates('db', { onUpdates: (u) => { for (const x of u) db.push(`${x.op} ${x.table}/${x.key}=${Buffer.from(x.value).toString()}`); } });
  dsub.done.catch(() => {});
  await waitFor(() => db.includes('PUT users/u1=alice'), 'db update on n5');
  dsub.close();
  await assert.rejects(five.clients[0].sendNodeUpdate('nobody', 't', Buffer.from('x')), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.NotFound);
  await assert.rejects(five.clients[0].sendMeshUpdate('', Buffer.from('x')), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.InvalidArgument);
  // Evict n5: it leaves the group and its links are refused afterwards.
  await five.clients[0].evict('n5', 'test');
  await waitFor(async () => !(await five.clients[0].status()).consensus!.members.some((m) => m.node_id === 'n5'), 'n5 out of the group');
  await waitFor(async () => (await five.clients[4].status()).mesh_id === '', 'n5 forgot the mesh');
  await sleep(500);
  assert.ok(!(await five.clients[0].status()).links.some((l) => l.peer === 'n5'), 'no link to the evicted node');
});
