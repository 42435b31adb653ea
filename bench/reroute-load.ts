/**
 * The load of `bench/reroute.ts` in a process of its own: four publish loops at node a (256 KiB
 * messages, four per request; unthrottled, or `paceMBps` offered in all) and a subscriber at node d
 * (credits 64) that records the time of every delivery. The benchmark's own process keeps the
 * relays that carry and cut the a-b and a-c links: sharing one event loop with the gRPC work of
 * the clients (40 MB/s each way) delayed the frames the relays carried by tens of milliseconds
 * whenever that work ran, and the cuts measured the harness as much as meshd.
 *
 * Started by `bench/reroute.ts` with one argument, the JSON of {@link LoadOptions}; it sends
 * `{ ready: true }` once subscribed, and on the message `'stop'` ends the loops and sends
 * `{ deliveries }` (ms since epoch, one per message delivered at d) before it exits.
 */
import { MeshClient, credentialsFromFiles } from '../src/main/api/grpc/client.js';
import { sleep } from '../test/helpers/cluster.js';

/** Where a node's API is and the files a client needs. */
export interface LoadEndpoint {
  address: string;
  caFile: string;
  tokenFile: string;
}

/** What the load process is told at start. */
export interface LoadOptions {
  a: LoadEndpoint;
  d: LoadEndpoint;
  streamId: string;
  /** Message size (bytes). */
  size: number;
  /** MB/s offered by the four loops together (0: unthrottled). */
  paceMBps: number;
}

const client = (e: LoadEndpoint) => new MeshClient(e.address, credentialsFromFiles(e.caFile, e.tokenFile));

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2]) as LoadOptions;
  const ca = client(o.a);
  const cd = client(o.d);
  const deliveries: number[] = [];
  let stop = false;
  const sub = cd.subscribe({ streamId: o.streamId, tenantId: 'bulk', credits: 64, onMessages: (msgs) => { const now = Date.now(); for (let i = 0; i < msgs.length; i++) deliveries.push(now); } });
  sub.done.catch(() => undefined);
  const payload = Buffer.alloc(o.size, 7);
  // Four publish loops keep data in flight on both paths at any instant a cut may come.
  const intervalMs = o.paceMBps ? ((4 * 4 * o.size) / (o.paceMBps * 1e6)) * 1000 : 0;
  const pub = Promise.all([0, 1, 2, 3].map(async (k) => {
    let due = Date.now() + (k * intervalMs) / 4;
    while (!stop) {
      if (intervalMs) {
        await sleep(Math.max(0, due - Date.now()));
        due += intervalMs;
      }
      await ca.publish(o.streamId, [payload, payload, payload, payload]).catch(() => sleep(50));
    }
  }));
  process.on('message', (m) => {
    if (m !== 'stop') return;
    stop = true;
    void pub.then(() => {
      sub.close();
      ca.close();
      cd.close();
      process.send!({ deliveries }, () => process.exit(0));
    });
  });
  process.send!({ ready: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`reroute-load: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
