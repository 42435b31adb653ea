/**
 * The NATS JetStream side of the comparison: a local nats-server (Debian package, installed with
 * apt-get when missing) with JetStream on a temporary file store, a stream with a duplicate
 * window, a publisher that sets a message id on every publish with up to 1,000 PubAcks pending,
 * and a durable pull consumer with explicit acks.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AckPolicy, StorageType, connect, nanos, type NatsConnection } from 'nats';
import { pct } from '../load/fixed-rate.js';
import { freePort } from './common.js';

const NATS_BIN = ['/usr/sbin/nats-server', '/usr/bin/nats-server'];
/** PubAcks a publisher may wait on at once (the async publish window). */
export const PUBLISH_WINDOW = 1000;
const now = () => performance.timeOrigin + performance.now();

function natsBinary(): string {
  let bin = NATS_BIN.find(existsSync);
  if (!bin) {
    execFileSync('apt-get', ['install', '-y', '-qq', 'nats-server'], { stdio: 'ignore' });
    bin = NATS_BIN.find(existsSync);
  }
  if (!bin) throw new Error('nats-server is not installed and apt-get could not install it');
  return bin;
}

/** A running nats-server with JetStream. */
export interface NatsPeer {
  nc: NatsConnection;
  version: string;
  stop(): Promise<void>;
}

/** Starts nats-server -js on loopback with a file store in a temporary directory. */
export async function startNats(): Promise<NatsPeer> {
  const bin = natsBinary();
  const version = execFileSync(bin, ['--version']).toString().trim();
  const dir = mkdtempSync(join(tmpdir(), 'meshd-nats-'));
  const p = await freePort();
  const proc: ChildProcess = spawn(bin, ['-a', '127.0.0.1', '-p', String(p), '-js', '-sd', dir], { stdio: 'ignore' });
  let nc: NatsConnection | undefined;
  for (let i = 0; i < 100 && !nc; i++) {
    try { nc = await connect({ servers: `127.0.0.1:${p}` }); } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  if (!nc) { proc.kill('SIGKILL'); throw new Error('nats-server did not accept connections'); }
  const conn = nc;
  return {
    nc: conn, version,
    async stop() {
      await conn.close();
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Full load (rate 0) or a fixed rate: N messages of `size` bytes published with ids and consumed with acks. */
export async function natsRun(peer: NatsPeer, name: string, o: { messages: number; size: number; rate?: number }): Promise<object> {
  const jsm = await peer.nc.jetstreamManager();
  await jsm.streams.add({ name, subjects: [`${name}.>`], storage: StorageType.File, duplicate_window: nanos(120_000) });
  await jsm.consumers.add(name, { durable_name: 'c', ack_policy: AckPolicy.Explicit, max_ack_pending: 20_000 });
  const js = peer.nc.jetstream();
  const consumer = await js.consumers.get(name, 'c');
  const lat = new Float64Array(o.messages);
  let got = 0;
  const iter = await consumer.consume({ max_messages: 1000 });
  const consuming = (async () => {
    for await (const m of iter) {
      if (got < o.messages) lat[got++] = now() - Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength).readDoubleBE(0);
      m.ack();
      if (got >= o.messages) break;
    }
  })();
  const t0 = now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < o.messages; i++) {
    if (o.rate) {
      const due = t0 + (i / o.rate) * 1000;
      const wait = due - now();
      if (wait > 2) await new Promise((r) => setTimeout(r, wait));
    }
    const b = Buffer.alloc(o.size, 0x61);
    b.writeDoubleBE(now(), 0);
    pending.push(js.publish(`${name}.x`, b, { msgID: `${name}-${i}` }));
    if (pending.length >= PUBLISH_WINDOW) await pending.shift();
  }
  await Promise.all(pending);
  await consuming;
  const seconds = (now() - t0) / 1000;
  iter.stop();
  const sorted = lat.sort();
  return { messages: got, msgsPerSec: Math.round(got / seconds), p50Ms: pct(sorted, 0.5), p99Ms: pct(sorted, 0.99), p999Ms: pct(sorted, 0.999) };
}
