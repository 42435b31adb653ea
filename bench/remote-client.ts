/**
 * `npm run bench:remote-client`: uploads from a client that is not beside its node. A 64 MiB file
 * goes from a client to node n0 and on to n1 (1 hop, as e2e-bulk: 1 MiB messages, BLAKE3 verified
 * at the receiver) twice, after an untimed 16 MiB transfer that warms both nodes up: once with the
 * client on loopback, once through a relay that holds every chunk `--delay-ms` (5) each way, a
 * 10 ms round trip (test/helpers/relay.ts). Then the peer, NATS
 * JetStream (file store, a message id per publish, up to 1,000 PubAcks pending, as in e2e-nats),
 * gets the same 64 MiB from a publisher behind the same kind of relay, in 256 KiB messages (its
 * default max_payload is 1 MB), consumed with explicit acks on a direct connection. Durability
 * differs as in e2e-nats: meshd acknowledges after the target's synced commit, JetStream after its
 * own write (not fsynced by default).
 *
 * What it shows: the HTTP/2 receive window of the node's API server (src/main/api/grpc/flow-window.ts).
 * With the 65,535-byte default a distant client's upload waits for a WINDOW_UPDATE every 64 KiB.
 * One JSON line: `{"bench":"remote-client","rttMs":..,"meshdLocalMBps":..,"meshdRemoteMBps":..,
 * "ratioRemoteToLocal":..,"natsRemoteMBps":..,"ratioMeshdToNatsRemote":..}`.
 * `node dist/bench/remote-client.js [--mib N] [--delay-ms D]`
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AckPolicy, StorageType, connect, nanos } from 'nats';
import { MeshClient } from '../src/main/api/grpc/client.js';
import { receiveFile, sendFile } from '../src/main/cli/file-transfer.js';
import { tuneHeap } from '../src/main/cli/heap.js';
import { Relay } from '../test/helpers/relay.js';
import { machine, runIfMain, startChain } from './common.js';
import { PUBLISH_WINDOW, startNats } from './nats-peer.js';

const NATS_MESSAGE_BYTES = 256 * 1024;
/** Bytes of the untimed first meshd transfer. */
const WARM_UP_BYTES = 16 * 1024 * 1024;
const mbps = (bytes: number, seconds: number) => Math.round((bytes / 1e6 / seconds) * 10) / 10;

/** meshd: the file from a local client, then from one behind a relay delaying `delayMs` each way. */
async function meshdRuns(file: string, warmFile: string, delayMs: number): Promise<{ local: number; remote: number }> {
  const chain = await startChain(1);
  const relay = new Relay(Number(chain.nodes[0].grpcAddress.split(':').pop()), 0, delayMs);
  let remoteClient: MeshClient | undefined;
  try {
    const once = async (client: MeshClient, path = file) => {
      const streamId = await client.openStream('bulk', [chain.target]);
      const [sent, got] = await Promise.all([sendFile(client, { to: chain.target, path, tenantId: 'bulk', streamId }), receiveFile(chain.dst, { streamId, tenantId: 'bulk' })]);
      if (sent.blake3 !== got.blake3) throw new Error('BLAKE3 mismatch');
      return mbps(sent.bytes, sent.seconds);
    };
    await once(chain.src, warmFile); // not timed: the first stream also warms up both nodes
    const local = await once(chain.src);
    remoteClient = new MeshClient(await relay.listen(), chain.nodes[0].credentials());
    const remote = await once(remoteClient);
    return { local, remote };
  } finally {
    remoteClient?.close();
    await relay.stop();
    await chain.stop();
  }
}

/** NATS JetStream: `bytes` in 256 KiB messages from a publisher behind a relay delaying `delayMs` each way. */
async function natsRemote(bytes: number, delayMs: number): Promise<{ version: string; mbps: number }> {
  const peer = await startNats();
  const relay = new Relay(Number(peer.nc.getServer().split(':').pop()), 0, delayMs);
  const pubConn = await connect({ servers: await relay.listen() });
  try {
    const jsm = await peer.nc.jetstreamManager();
    await jsm.streams.add({ name: 'UP', subjects: ['UP.>'], storage: StorageType.File, duplicate_window: nanos(120_000), max_msg_size: -1 });
    await jsm.consumers.add('UP', { durable_name: 'c', ack_policy: AckPolicy.Explicit, max_ack_pending: 20_000 });
    const consumer = await peer.nc.jetstream().consumers.get('UP', 'c');
    const n = Math.ceil(bytes / NATS_MESSAGE_BYTES);
    const payload = randomBytes(NATS_MESSAGE_BYTES);
    let got = 0;
    const iter = await consumer.consume({ max_messages: 64 });
    const consuming = (async () => {
      for await (const m of iter) {
        m.ack();
        if (++got >= n) break;
      }
    })();
    const js = pubConn.jetstream();
    const t0 = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) {
      pending.push(js.publish('UP.x', payload, { msgID: `up-${i}` }));
      if (pending.length >= PUBLISH_WINDOW) await pending.shift();
    }
    await Promise.all(pending);
    await consuming;
    const seconds = (performance.now() - t0) / 1000;
    iter.stop();
    return { version: peer.version, mbps: mbps(n * NATS_MESSAGE_BYTES, seconds) };
  } finally {
    await pubConn.close();
    await relay.stop();
    await peer.stop();
  }
}

/** Runs both systems; see the module comment. */
export async function run(o = { mib: 64, delayMs: 5 }): Promise<object> {
  tuneHeap();
  const dir = mkdtempSync(join(tmpdir(), 'meshd-remote-'));
  const file = join(dir, 'upload.bin');
  writeFileSync(file, randomBytes(o.mib * 1024 * 1024));
  const warmFile = join(dir, 'warm.bin');
  writeFileSync(warmFile, randomBytes(WARM_UP_BYTES));
  try {
    const meshd = await meshdRuns(file, warmFile, o.delayMs);
    const nats = await natsRemote(o.mib * 1024 * 1024, o.delayMs);
    return {
      bench: 'remote-client', mib: o.mib, rttMs: 2 * o.delayMs,
      meshdLocalMBps: meshd.local, meshdRemoteMBps: meshd.remote, ratioRemoteToLocal: Math.round((meshd.remote / meshd.local) * 100) / 100,
      natsRemoteMBps: nats.mbps, natsVersion: nats.version, natsMessageBytes: NATS_MESSAGE_BYTES, ratioMeshdToNatsRemote: Math.round((meshd.remote / nats.mbps) * 100) / 100,
      machine: machine(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
runIfMain(import.meta.url, () => run({ mib: arg('--mib', 64), delayMs: arg('--delay-ms', 5) }));
