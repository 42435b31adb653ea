/**
 * The typed records that cross between the main thread and a data-plane worker over the two
 * SharedArrayBuffer rings (commands and requests down, events and replies up), their codec, and
 * the sending and receiving loops. Errors cross as `{ code, message }` records.
 *
 * Record layout: one or more segments, each `[kind u8][length u32 LE][body]`, in send order.
 * - kind 1: a msgpackr array of typed messages (commands, requests, events, replies);
 * - kind 2: encoded wire frames back to back (docs/WIRE.md): small client-data messages, so the
 *   hot path carries no per-message objects and each payload is copied once into the ring.
 *   Down, they are frames to route; up, single-chunk data frames for this node.
 * - kind 3: one `messages` event (reassembled messages, up): `[u32 LE n][msgpackr heads][payloads]`,
 *   the heads without their payloads, then the payloads back to back, so a large payload is
 *   copied once, straight into the ring, instead of through msgpackr and a record buffer.
 * - kind 4: `send-message` commands (down), laid out like kind 3.
 */
import { Packr } from 'msgpackr';
import { RingConsumer, RingProducer } from '../../shared/ring/index.js';
import type { ErrorRecord } from '../../shared/errors.js';
import { decodeBatch, type Frame } from '../../shared/wire/index.js';
import type { DataPlaneCommand, DataPlaneEvent, InboundMessage, OutboundMessage } from './messages.js';
import type { LinkPath } from './transport.js';

/** Capacity of each ring between the main thread and a worker (bytes). */
export const THREAD_RING_BYTES = 32 * 1024 * 1024;
/** Inbound messages are split into records of at most about this many payload bytes. */
export const MAX_EVENT_RECORD_BYTES = 1024 * 1024;

/** Requests that expect a reply. */
export type Request =
  | { op: 'listen'; host: string; port: number }
  | { op: 'dial'; address: string; path: LinkPath }
  | { op: 'stats' }
  | { op: 'links' }
  | { op: 'stop' };

/** Main thread -> worker. */
export type ToWorker = { k: 'cmd'; cmd: DataPlaneCommand } | { k: 'req'; id: number; req: Request };

/** Worker -> main thread. */
export type FromWorker =
  | { k: 'ev'; ev: DataPlaneEvent }
  | { k: 'rep'; id: number; ok: true; value: unknown }
  | { k: 'rep'; id: number; ok: false; error: ErrorRecord };

const packr = new Packr({ useRecords: false, mapsAsObjects: true });


const SEG_PACKED = 1;
const SEG_FRAMES = 2;
const SEG_MESSAGES = 3;
const SEG_SEND = 4;
const SEG_HEADER = 5;

/** The messages of an item that crosses as a kind 3 or 4 segment, with its kind; null for others. */
function payloadsOf(item: unknown): { kind: number; msgs: Array<{ payload: Uint8Array }> } | null {
  const m = item as { k?: string; ev?: DataPlaneEvent; cmd?: DataPlaneCommand };
  if (m.k === 'ev' && m.ev?.type === 'messages') return { kind: SEG_MESSAGES, msgs: m.ev.messages };
  if (m.k === 'cmd' && m.cmd?.type === 'send-message') return { kind: SEG_SEND, msgs: [m.cmd.msg] };
  return null;
}

/** A kind 3 or 4 segment's body: the heads (msgpackr, payload lengths in place of payloads), then the payloads. */
function payloadsBody(msgs: Array<{ payload: Uint8Array }>): Uint8Array[] {
  const heads = packr.pack(msgs.map((m) => ({ ...m, payload: m.payload.length })));
  const len = Buffer.allocUnsafe(4);
  len.writeUInt32LE(heads.length, 0);
  return [len, heads, ...msgs.map((m) => m.payload)];
}

/** The messages of a kind 3 or 4 segment; their payloads are views into `body`. */
function decodePayloads<M>(body: Uint8Array): M[] {
  const n = (body[0] | (body[1] << 8) | (body[2] << 16) | (body[3] << 24)) >>> 0;
  const heads = packr.unpack(body.subarray(4, 4 + n)) as Array<{ payload: number }>;
  let off = 4 + n;
  return heads.map((h) => {
    const payload = body.subarray(off, off + h.payload);
    off += h.payload;
    return { ...h, payload } as M;
  });
}

/** Frames that arrived in one frames segment (decoded, CRC32C checked). */
export interface FrameRun {
  k: 'frames';
  frames: Frame[];
}

/**
 * Encodes a batch of typed messages and encoded frames (Uint8Array items) as the segments
 * described above, keeping their order.
 */
export function encodeMixed<T>(batch: Array<T | Uint8Array>): Uint8Array[] {
  const segs: Array<{ kind: number; body: Uint8Array[]; bytes: number }> = [];
  let objs: T[] = [];
  const flushObjs = () => {
    if (!objs.length) return;
    const body = packr.pack(objs);
    segs.push({ kind: SEG_PACKED, body: [body], bytes: body.length });
    objs = [];
  };
  type Run = { kind: number; msgs: Array<{ payload: Uint8Array }> };
  let run = null as Run | null;
  const flushRun = () => {
    const r = run;
    if (!r) return;
    const body = payloadsBody(r.msgs);
    segs.push({ kind: r.kind, body, bytes: body.reduce((n, b) => n + b.length, 0) });
    run = null;
  };
  for (const item of batch) {
    const p = item instanceof Uint8Array ? null : payloadsOf(item);
    if (p) {
      flushObjs();
      const r = run as Run | null;
      if (r?.kind === p.kind) r.msgs.push(...p.msgs);
      else {
        flushRun();
        run = { kind: p.kind, msgs: [...p.msgs] };
      }
      continue;
    }
    flushRun();
    if (!(item instanceof Uint8Array)) {
      objs.push(item);
      continue;
    }
    flushObjs();
    const last = segs[segs.length - 1];
    if (last?.kind === SEG_FRAMES) {
      last.body.push(item);
      last.bytes += item.length;
    } else segs.push({ kind: SEG_FRAMES, body: [item], bytes: item.length });
  }
  flushObjs();
  flushRun();
  const parts: Uint8Array[] = [];
  for (const seg of segs) {
    const h = Buffer.allocUnsafe(SEG_HEADER);
    h[0] = seg.kind;
    h.writeUInt32LE(seg.bytes, 1);
    parts.push(h, ...seg.body);
  }
  return parts;
}

/**
 * Decodes a record written by {@link encodeMixed}: typed messages as they were, each frames
 * segment as one {@link FrameRun}.
 * @throws MeshError ERR_FRAME_* when a frames segment does not decode (a bug: the ring is in-process memory).
 */
export function* decodeMixed<T>(rec: Uint8Array): Generator<T | FrameRun> {
  let off = 0;
  while (off + SEG_HEADER <= rec.length) {
    const kind = rec[off];
    const len = (rec[off + 1] | (rec[off + 2] << 8) | (rec[off + 3] << 16) | (rec[off + 4] << 24)) >>> 0;
    const body = rec.subarray(off + SEG_HEADER, off + SEG_HEADER + len);
    off += SEG_HEADER + len;
    if (kind === SEG_FRAMES) yield { k: 'frames', frames: decodeBatch(body) };
    else if (kind === SEG_MESSAGES) yield { k: 'ev', ev: { type: 'messages', messages: decodePayloads<InboundMessage>(body) } } as T;
    else if (kind === SEG_SEND) for (const msg of decodePayloads<OutboundMessage>(body)) yield { k: 'cmd', cmd: { type: 'send-message', msg } } as T;
    else yield* packr.unpack(body) as T[];
  }
}

/** Bytes a typed message or frame adds to a record, counting payloads only (bounds record size). */
export function approxBytes(m: ToWorker | FromWorker | Uint8Array): number {
  if (m instanceof Uint8Array) return m.length;
  if (m.k === 'cmd' && m.cmd.type === 'send-message') return m.cmd.msg.payload.length;
  if (m.k === 'ev' && m.ev.type === 'messages') return m.ev.messages.reduce((n, x) => n + x.payload.length, 0);
  return 0;
}

/** The batch encoding of the main <-> worker rings. */
export const MIXED_ENCODING: BatchEncoding<ToWorker | FromWorker | Uint8Array> = { encode: encodeMixed, sizeOf: approxBytes };

/** Splits a `messages` event so no record carries much more than {@link MAX_EVENT_RECORD_BYTES}. */
export function splitEvent(ev: DataPlaneEvent): DataPlaneEvent[] {
  if (ev.type === 'control') return [{ ...ev, frame: { ...ev.frame, raw: new Uint8Array(0) } }];
  if (ev.type !== 'messages') return [ev];
  const out: DataPlaneEvent[] = [];
  let cur: InboundMessage[] = [];
  let bytes = 0;
  for (const m of ev.messages) {
    if (cur.length && bytes + m.payload.length > MAX_EVENT_RECORD_BYTES) {
      out.push({ type: 'messages', messages: cur });
      cur = [];
      bytes = 0;
    }
    cur.push(m);
    bytes += m.payload.length;
  }
  if (cur.length) out.push({ type: 'messages', messages: cur });
  return out;
}

/**
 * A ring reader yields to the event loop after this many bytes of records (or 64 records) in one
 * turn, so a burst of bulk data (up to the ring's 32 MiB) does not hold back heartbeats, acks and
 * timers behind it for hundreds of milliseconds.
 */
export const MAX_TURN_BYTES = 4 * 1024 * 1024;

/** Most messages packed into one ring record. */
const MAX_BATCH = 512;
/** A record is flushed once its messages reach this many bytes (as told by `sizeOf`). */
const MAX_BATCH_BYTES = 1024 * 1024;

/** How a {@link RingSender} packs one turn's messages into a record. */
export interface BatchEncoding<T> {
  /** The record's parts, in order (written back to back, straight into the ring). */
  encode(batch: T[]): Uint8Array[];
  /** Bytes a message adds to a record; without it only the message count bounds a record. */
  sizeOf?(msg: T): number;
}

/**
 * Writes messages to a ring: the messages of one event-loop turn are packed together as one
 * record (by `enc`), and records wait in order while the ring is full.
 */
export class RingSender<T> {
  private queue: Uint8Array[][] = [];
  private batch: T[] = [];
  private flushQueued = false;
  private timer: NodeJS.Timeout | null = null;
  private batchBytes = 0;

  constructor(private readonly ring: RingProducer, private readonly enc: BatchEncoding<T>) {}

  /** Queues one message for this turn's record. */
  send(msg: T): void {
    this.batch.push(msg);
    if (this.enc.sizeOf) this.batchBytes += this.enc.sizeOf(msg);
    if (this.batch.length >= MAX_BATCH || this.batchBytes >= MAX_BATCH_BYTES) this.flush();
    else if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.batch.length === 0) return;
    const parts = this.enc.encode(this.batch);
    this.batch = [];
    this.batchBytes = 0;
    if (this.queue.length === 0 && this.ring.tryWriteParts(parts)) return;
    this.queue.push(parts);
    this.schedule();
  }

  /** Records waiting for space in the ring. */
  get queued(): number {
    return this.queue.length;
  }

  /** Drops queued records and stops retrying. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    this.batch = [];
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      while (this.queue.length && this.ring.tryWriteParts(this.queue[0])) this.queue.shift();
      if (this.queue.length) this.schedule();
    }, 1);
  }
}

/**
 * Reads records from a ring until stopped, handing each message of a record (split by `decode`)
 * to `onRecord`.
 */
export class RingReceiver<T> {
  private stopped = false;

  constructor(
    private readonly ring: RingConsumer,
    private readonly onRecord: (msg: T) => void,
    private readonly decode: (rec: Uint8Array) => Iterable<T>,
  ) {}

  /** Starts the loop; resolves when stopped. */
  async run(): Promise<void> {
    while (!this.stopped) {
      let r = this.ring.read();
      if (!r) {
        await this.ring.wait(200);
        continue;
      }
      let n = 0;
      let bytes = 0;
      let yielding = false;
      while (r && !this.stopped) {
        bytes += r.length;
        for (const msg of this.decode(r)) if (!this.stopped) this.onRecord(msg);
        yielding = ++n >= 64 || bytes >= MAX_TURN_BYTES;
        if (yielding) break; // let timers and I/O run between long bursts
        r = this.ring.read();
      }
      if (yielding) await new Promise((res) => setImmediate(res));
    }
  }

  /** Stops the loop at the next record or wake-up. */
  stop(): void {
    this.stopped = true;
  }
}
