/**
 * {@link DataPlanePort} backed by a data-plane worker thread (`src/workers/shard-worker.ts`).
 * Commands, requests, events and replies cross two SharedArrayBuffer rings; postMessage is not
 * used. When the worker dies it is restarted: every link it owned is reported closed (the
 * control plane re-dials; unacknowledged data is re-sent from the outbox), and the local tag,
 * routing table and listener are restored on the new worker, on the same port.
 */
import { Worker } from 'node:worker_threads';
import { ErrorCode, MeshError, fromRecord } from '../../shared/errors.js';
import { RingConsumer, RingProducer, createRingBuffer } from '../../shared/ring/index.js';
import type {
  DataPlaneCommand, DataPlaneEvent, DataPlaneOptions, DataPlanePort, DataPlaneStats, InboundMessage, LinkId, LinkInfo,
} from './messages.js';
import {
  MIXED_ENCODING, RingReceiver, RingSender, THREAD_RING_BYTES, decodeMixed, type FrameRun, type FromWorker, type Request, type ToWorker,
} from './thread-protocol.js';
import { encodeMessage } from './reassembly.js';
import type { ShardRings } from './shard-rings.js';
import type { LinkPath } from './transport.js';
import { MAX_WORKERS } from '../../shared/config/defaults.js';

const MAIN_TOKEN = 1;
/** Link ids of shard l in generation g start at (g * MAX_SHARDS + l) * LINK_ID_SPAN + 1. */
const LINK_ID_SPAN = 1_000_000_000;
/** Most data-plane shards (workers) of one node (config `dataPlane.workers`). */
export const MAX_SHARDS = MAX_WORKERS;

/** The shard (worker index) whose links carry ids like `linkId`. */
export function shardOfLink(linkId: LinkId): number {
  return Math.floor((linkId - 1) / LINK_ID_SPAN) % MAX_SHARDS;
}
const WORKER_URL = new URL('../shard-worker.js', import.meta.url);

interface Pending {
  resolve(v: unknown): void;
  reject(e: MeshError): void;
}

/** A data plane in one worker thread. */
export class WorkerDataPlane implements DataPlanePort {
  onEvent: (ev: DataPlaneEvent) => void = () => {};
  /** Times the worker was restarted after dying. */
  restarts = 0;
  private worker!: Worker;
  private sender!: RingSender<ToWorker | Uint8Array>;
  private receiver!: RingReceiver<FromWorker | FrameRun>;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private openLinks = new Set<LinkId>();
  private local: DataPlaneCommand | null = null;
  private routes: DataPlaneCommand | null = null;
  private multipath: DataPlaneCommand | null = null;
  private peerLanes: DataPlaneCommand | null = null;
  private limits: DataPlaneCommand | null = null;
  private identity: DataPlaneCommand | null = null;
  private trust: DataPlaneCommand | null = null;
  private frameKeys: DataPlaneCommand | null = null;
  private listening: { host: string; port: number } | null = null;
  private stopping = false;

  /** `shard` is this worker's index among the node's shards; `shardRings` connects the shards (see shard-rings.ts). */
  constructor(private readonly opts: DataPlaneOptions, readonly shard = 0, private readonly shardRings: ShardRings = [[null]]) {
    this.spawn();
  }

  /** Links open in this worker now (dialed or accepted). */
  get linkCount(): number {
    return this.openLinks.size;
  }

  listen(host: string, port: number): Promise<number> {
    return this.request({ op: 'listen', host, port }).then((p) => {
      this.listening = { host, port: p as number };
      return p as number;
    });
  }

  dial(address: string, signal?: AbortSignal, path: LinkPath = 'mesh'): Promise<LinkId> {
    if (signal?.aborted) return Promise.reject(new MeshError(ErrorCode.Aborted, 'dial aborted'));
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new MeshError(ErrorCode.Aborted, 'dial aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.request({ op: 'dial', address, path }).then((id) => {
        signal?.removeEventListener('abort', onAbort);
        // A dial that completes after its caller gave up is closed again.
        if (signal?.aborted) this.execute({ type: 'close-link', linkId: id as LinkId, code: 1000, reason: 'dial aborted' });
        else resolve(id as LinkId);
      }, (err: MeshError) => {
        signal?.removeEventListener('abort', onAbort);
        reject(err);
      });
    });
  }

  execute(cmd: DataPlaneCommand): void {
    // A message that fits one frame is encoded here, straight into the ring record.
    if (cmd.type === 'send-message' && this.local?.type === 'set-local' && cmd.msg.payload.length <= this.opts.chunkBytes) {
      this.sender.send(encodeMessage(cmd.msg, this.local.nodeTag, this.opts.chunkBytes)[0]);
      return;
    }
    if (cmd.type === 'set-local') this.local = cmd;
    if (cmd.type === 'set-routes') this.routes = cmd;
    if (cmd.type === 'set-multipath') this.multipath = cmd;
    if (cmd.type === 'set-peer-lanes') this.peerLanes = cmd;
    if (cmd.type === 'set-limits') this.limits = cmd;
    if (cmd.type === 'set-identity') this.identity = cmd;
    if (cmd.type === 'set-trust') this.trust = cmd;
    if (cmd.type === 'set-frame-keys') this.frameKeys = cmd;
    this.sender.send({ k: 'cmd', cmd });
  }

  stats(): Promise<DataPlaneStats> {
    return this.request({ op: 'stats' }) as Promise<DataPlaneStats>;
  }

  links(): Promise<LinkInfo[]> {
    return this.request({ op: 'links' }) as Promise<LinkInfo[]>;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.race([this.request({ op: 'stop' }).catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);
    this.receiver.stop();
    this.sender.close();
    await this.worker.terminate();
  }

  /** Terminates the worker; it is restarted as if it had died (operators: SIGUSR2 to meshd). */
  async restart(): Promise<void> {
    await this.worker.terminate();
  }

  private request(req: Request): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.sender.send({ k: 'req', id, req });
    });
  }

  private spawn(): void {
    const down = createRingBuffer(THREAD_RING_BYTES);
    const up = createRingBuffer(THREAD_RING_BYTES);
    this.sender = new RingSender<ToWorker | Uint8Array>(new RingProducer(down, MAIN_TOKEN), MIXED_ENCODING);
    this.receiver = new RingReceiver(new RingConsumer(up, MAIN_TOKEN), (m) => this.onRecord(m), decodeMixed<FromWorker>);
    const firstLinkId = (this.restarts * MAX_SHARDS + this.shard) * LINK_ID_SPAN + 1;
    this.worker = new Worker(WORKER_URL, { workerData: { opts: this.opts, down, up, firstLinkId, shard: this.shard, shardRings: this.shardRings } });
    this.worker.on('error', () => {}); // followed by 'exit'
    this.worker.once('exit', () => this.died());
    void this.receiver.run();
  }

  private onRecord(m: FromWorker | FrameRun): void {
    if (m.k === 'frames') {
      const messages: InboundMessage[] = m.frames.map((f) => ({
        src: f.src, streamId: f.streamId, tenant: f.tenant, seq: f.seq, messageId: f.messageId, payload: f.payload, ...(f.trace.length ? { trace: Uint8Array.from(f.trace) } : {}),
      }));
      this.onEvent({ type: 'messages', messages });
      return;
    }
    if (m.k === 'ev') {
      if (m.ev.type === 'link-open') this.openLinks.add(m.ev.linkId);
      if (m.ev.type === 'link-closed') this.openLinks.delete(m.ev.linkId);
      this.onEvent(m.ev);
      return;
    }
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (!p) return;
    if (m.ok) p.resolve(m.value);
    else p.reject(fromRecord(m.error));
  }

  private died(): void {
    this.receiver.stop();
    this.sender.close();
    for (const p of this.pending.values()) p.reject(new MeshError(ErrorCode.Unavailable, 'data-plane worker exited'));
    this.pending.clear();
    if (this.stopping) return;
    this.restarts++;
    for (const linkId of this.openLinks) this.onEvent({ type: 'link-closed', linkId, reason: 'data-plane worker restarted' });
    this.openLinks.clear();
    this.spawn();
    for (const c of [this.local, this.identity, this.trust, this.frameKeys]) if (c) this.sender.send({ k: 'cmd', cmd: c });
    if (this.routes) this.sender.send({ k: 'cmd', cmd: this.routes });
    if (this.multipath) this.sender.send({ k: 'cmd', cmd: this.multipath });
    if (this.peerLanes) this.sender.send({ k: 'cmd', cmd: this.peerLanes });
    if (this.limits) this.sender.send({ k: 'cmd', cmd: this.limits });
    if (this.listening) void this.listen(this.listening.host, this.listening.port).catch(() => {});
  }
}
