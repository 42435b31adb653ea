/**
 * The etcd side of the consensus comparison: three etcd 3.4 members (Debian etcd-server,
 * installed with apt-get when missing) on loopback with their data in a temporary directory, and
 * a KV.Put client over gRPC with the minimal proto in bench/proto/etcd-kv.proto.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentials, loadPackageDefinition, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { freePort } from './common.js';

const ETCD_BIN = '/usr/bin/etcd';

function etcdBinary(): string {
  if (!existsSync(ETCD_BIN)) execFileSync('apt-get', ['install', '-y', '-qq', 'etcd-server'], { stdio: 'ignore' });
  if (!existsSync(ETCD_BIN)) throw new Error('etcd is not installed and apt-get could not install it');
  return ETCD_BIN;
}

/** A running three-member etcd cluster. */
export interface EtcdPeer {
  version: string;
  /** Client endpoints (host:port), one per member. */
  endpoints: string[];
  stop(): Promise<void>;
}

/** Starts three etcd members on loopback; resolves once a put succeeds. */
export async function startEtcd(): Promise<EtcdPeer> {
  const bin = etcdBinary();
  const version = execFileSync(bin, ['--version']).toString().split('\n')[0].trim();
  const dir = mkdtempSync(join(tmpdir(), 'etcd-bench-'));
  const ports = await Promise.all(Array.from({ length: 6 }, freePort));
  const names = ['e1', 'e2', 'e3'];
  const peerUrl = (i: number) => `http://127.0.0.1:${ports[3 + i]}`;
  const cluster = names.map((n, i) => `${n}=${peerUrl(i)}`).join(',');
  const procs: ChildProcess[] = names.map((name, i) => spawn(bin, [
    '--name', name, '--data-dir', join(dir, name), '--listen-client-urls', `http://127.0.0.1:${ports[i]}`,
    '--advertise-client-urls', `http://127.0.0.1:${ports[i]}`, '--listen-peer-urls', peerUrl(i), '--initial-advertise-peer-urls', peerUrl(i),
    '--initial-cluster', cluster, '--initial-cluster-state', 'new', '--initial-cluster-token', 'bench', '--log-level', 'error', '--logger', 'zap',
  ], { stdio: 'ignore' }));
  const endpoints = ports.slice(0, 3).map((p) => `127.0.0.1:${p}`);
  const stop = async () => {
    await Promise.all(procs.map((p) => new Promise<void>((r) => { if (p.exitCode !== null) return r(); p.once('exit', () => r()); p.kill('SIGTERM'); })));
    rmSync(dir, { recursive: true, force: true });
  };
  const c = new EtcdKv(endpoints[0]);
  const end = Date.now() + 30_000;
  for (;;) {
    try {
      await c.put(Buffer.from('warmup'), Buffer.from('x'));
      break;
    } catch (err) {
      if (Date.now() > end) { c.close(); await stop(); throw err; }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  c.close();
  return { version, endpoints, stop };
}

type PutFn = (req: { key: Buffer; value: Buffer }, cb: (err: ServiceError | null) => void) => void;

/** A KV.Put client for one etcd endpoint. */
export class EtcdKv {
  private c: Client & { Put: PutFn };

  constructor(endpoint: string) {
    const proto = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'proto', 'etcd-kv.proto');
    const pkg = loadPackageDefinition(loadSync(proto, { keepCase: true })) as unknown as { etcdserverpb: { KV: new (a: string, c: unknown) => Client & { Put: PutFn } } };
    this.c = new pkg.etcdserverpb.KV(endpoint, credentials.createInsecure());
  }

  put(key: Buffer, value: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.c.Put({ key, value }, (err) => (err ? reject(err) : resolve())));
  }

  close(): void {
    this.c.close();
  }
}
