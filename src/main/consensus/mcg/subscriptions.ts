/**
 * Subscriptions to the Mesh Control Group's updates: each one receives the committed updates of
 * one kind in log order, starting after a given index, at most `window` updates and
 * {@link MAX_UPDATE_INFLIGHT_BYTES} unacknowledged at a time, in responses of at most
 * {@link MAX_UPDATE_BATCH_BYTES}; while the transport holds back a write (backpressure) nothing
 * more is sent, so a subscriber that never reads costs at most that many bytes.
 * A subscriber with an id has its acknowledged index stored durably, so it can resume after a
 * reconnect or restart without naming an index. Updates older than the log keeps (compacted into
 * a snapshot) cannot be replayed: such a start is refused with ERR_COMPACTED.
 */
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import type { Entry } from '../index.js';
import { INTERNAL_RID_PREFIX, decodeCommand, kindOf, type McgCommand, type UpdateKind } from './commands.js';

/** One update as delivered to a subscriber. */
export interface UpdateView {
  index: number;
  kind: UpdateKind;
  origin: string;
  /** Wall-clock time the origin node accepted it (ms since epoch). */
  atMs: number;
  requestId: string;
  topic: string;
  payload: Uint8Array;
  /** node updates: the node addressed. */
  nodeId: string;
  /** internal-DB updates. */
  table: string;
  key: string;
  op: 'put' | 'delete' | '';
  value: Uint8Array;
}

/** Where subscriptions read the log and store acknowledgements. */
export interface UpdateSource {
  /** Entries [from, to] still held. */
  entries(from: number, to: number): Entry[];
  /** First index still held in the log. */
  firstIndex(): number;
  applied(): number;
  isDuplicate(index: number): boolean;
  loadAck(key: string): number | undefined;
  storeAck(key: string, index: number): Promise<void>;
}

/** Receives batches of updates, or the error that ends the subscription. */
export interface UpdateSink {
  /** Sends one batch; false means "transport buffer full": nothing more until `onDrain` fires. */
  push(updates: UpdateView[]): boolean;
  onDrain(cb: () => void): void;
  end(err: Error): void;
}

/** Updates in flight per subscription when the subscriber asks for none (and the most it may ask for). */
export const DEFAULT_UPDATE_WINDOW = 1024;
export const MAX_UPDATE_WINDOW = 65_536;
const SCAN_BATCH = 512;
/** Unacknowledged update bytes per subscription (payloads and values; at least one update goes). */
export const MAX_UPDATE_INFLIGHT_BYTES = 4 * 1024 * 1024;
/** Largest batch of updates in one response (bytes of payloads and values; at least one update). */
export const MAX_UPDATE_BATCH_BYTES = 1024 * 1024;
/**
 * Update subscriptions one node serves at a time (all kinds). With {@link MAX_UPDATE_INFLIGHT_BYTES}
 * each, this bounds what subscribers that never read can hold: 40 such subscribers over 64 KiB
 * updates measured +85 MiB RSS (`npm run bench:memory`), so 128 stay near 300 MiB.
 */
export const MAX_UPDATE_SUBSCRIPTIONS = 128;

/** The bytes an update weighs against the limits: its payload and value plus 256 for the rest. */
export function updateBytes(v: UpdateView): number {
  return v.payload.length + v.value.length + 256;
}

/** Maps a command to its delivered form. */
export function viewOf(index: number, c: McgCommand): UpdateView | null {
  const kind = kindOf(c);
  if (!kind || !('origin' in c)) return null;
  const requestId = !c.rid || c.rid.startsWith(INTERNAL_RID_PREFIX) ? '' : c.rid;
  const base = { index, kind, origin: c.origin, atMs: c.at, requestId, topic: '', payload: new Uint8Array(0), nodeId: '', table: '', key: '', op: '' as const, value: new Uint8Array(0) };
  if (c.t === 'mesh-update') return { ...base, topic: c.topic, payload: c.payload };
  if (c.t === 'node-update') return { ...base, topic: c.topic, payload: c.payload, nodeId: c.nodeId };
  if (c.t === 'db-update') return { ...base, table: c.table, key: c.key, op: c.op, value: c.value };
  return null;
}

/** One subscriber. */
export class UpdateSubscription {
  /** Next log index to look at. */
  private next: number;
  private acked: number;
  /** Indexes and bytes of the updates sent and not acknowledged, oldest first. */
  private inFlight: Array<{ index: number; bytes: number }> = [];
  private inFlightBytes = 0;
  private blocked = false;
  closed = false;

  constructor(
    private readonly src: UpdateSource,
    readonly kind: UpdateKind,
    private readonly selfId: string,
    from: number,
    private readonly window: number,
    private readonly sink: UpdateSink,
    private readonly ackKey: string | null,
  ) {
    this.next = from + 1;
    this.acked = from;
  }

  /** Sends what is applied and fits in the window, unless the transport is holding back. */
  pump(): void {
    if (this.closed || this.blocked) return;
    if (this.next < this.src.firstIndex() && this.next <= this.src.applied()) {
      return this.close(new MeshError(ErrorCode.Compacted, `updates before index ${this.src.firstIndex()} were compacted; subscribe from there or later`));
    }
    let out: UpdateView[] = [];
    let outBytes = 0;
    const applied = this.src.applied();
    while (this.next <= applied && this.room()) {
      const to = Math.min(applied, this.next + SCAN_BATCH - 1);
      for (const e of this.src.entries(this.next, to)) {
        this.next = e.index + 1;
        const v = this.viewOf(e);
        if (!v) continue;
        const bytes = updateBytes(v);
        if (out.length && outBytes + bytes > MAX_UPDATE_BATCH_BYTES) {
          this.send(out); // when it blocks, this update still goes in the next batch below
          out = [];
          outBytes = 0;
        }
        out.push(v);
        outBytes += bytes;
        this.inFlight.push({ index: e.index, bytes });
        this.inFlightBytes += bytes;
        if (!this.room() || this.blocked) break;
      }
      if (this.blocked) break;
      if (this.next <= to && this.room()) this.next = to + 1; // nothing held in between
    }
    if (out.length) this.send(out);
  }

  /** Whether another update may be sent: under the window in count and bytes. */
  private room(): boolean {
    return this.inFlight.length === 0 || (this.inFlight.length < this.window && this.inFlightBytes < MAX_UPDATE_INFLIGHT_BYTES);
  }

  /** Pushes one batch; false (and blocked until the sink drains) when the transport is full. */
  private send(batch: UpdateView[]): boolean {
    const ok = this.sink.push(batch);
    if (ok || this.blocked) return ok;
    this.blocked = true;
    this.sink.onDrain(() => {
      this.blocked = false;
      this.pump();
    });
    return false;
  }

  /**
   * Acknowledges every update up to `index` (cumulative); stored when the subscriber has an id.
   * @throws MeshError ERR_INVALID_ARGUMENT when `index` was not delivered yet.
   */
  async ack(index: number): Promise<void> {
    if (index >= this.next) throw new MeshError(ErrorCode.InvalidArgument, `ack ${index} is past the last delivered update`);
    if (index <= this.acked) return;
    this.acked = index;
    let n = 0;
    while (n < this.inFlight.length && this.inFlight[n].index <= index) this.inFlightBytes -= this.inFlight[n++].bytes;
    this.inFlight = this.inFlight.slice(n);
    if (this.ackKey) await this.src.storeAck(this.ackKey, index);
    this.pump();
  }

  /** Ends the subscription with `err`. */
  close(err: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.sink.end(err);
  }

  private viewOf(e: Entry): UpdateView | null {
    if (e.kind !== 'data' || this.src.isDuplicate(e.index)) return null;
    let c: McgCommand;
    try {
      c = decodeCommand(e.data);
    } catch {
      return null; // skipped by the state machine too
    }
    if (kindOf(c) !== this.kind) return null;
    if (c.t === 'node-update' && c.nodeId !== this.selfId) return null;
    return viewOf(e.index, c);
  }
}

/** The subscriptions of one node. */
export class SubscriptionHub {
  private subs = new Set<UpdateSubscription>();

  constructor(private readonly src: UpdateSource, private readonly selfId: string) {}

  /**
   * Subscribes to `kind` after index `from`; with a `subscriberId` and `from` 0, after the index
   * that subscriber last acknowledged.
   * @throws MeshError ERR_INVALID_ARGUMENT (window, id), ERR_COMPACTED (start no longer in the log),
   *   ERR_RATE_LIMITED (already {@link MAX_UPDATE_SUBSCRIPTIONS} subscriptions here).
   */
  subscribe(kind: UpdateKind, from: number, subscriberId: string, window: number, sink: UpdateSink): UpdateSubscription {
    for (const s of this.subs) if (s.closed) this.subs.delete(s);
    if (this.subs.size >= MAX_UPDATE_SUBSCRIPTIONS) {
      throw new MeshError(ErrorCode.RateLimited, `this node already serves ${MAX_UPDATE_SUBSCRIPTIONS} update subscriptions; close one or subscribe at another node`);
    }
    if (subscriberId.length > 128) throw new MeshError(ErrorCode.InvalidArgument, 'subscriber_id longer than 128 characters');
    if (!Number.isSafeInteger(from) || from < 0) throw new MeshError(ErrorCode.InvalidArgument, 'from_index must be a non-negative integer');
    const w = window === 0 ? DEFAULT_UPDATE_WINDOW : window;
    if (w < 1 || w > MAX_UPDATE_WINDOW) throw new MeshError(ErrorCode.InvalidArgument, `window must be 1-${MAX_UPDATE_WINDOW}`);
    const ackKey = subscriberId ? `sub/${kind}/${subscriberId}` : null;
    const start = from === 0 && ackKey ? this.src.loadAck(ackKey) ?? 0 : from;
    const sub = new UpdateSubscription(this.src, kind, this.selfId, start, w, sink, ackKey);
    this.subs.add(sub);
    sub.pump();
    return sub;
  }

  /** Removes a subscription (the client went away). */
  remove(sub: UpdateSubscription): void {
    this.subs.delete(sub);
  }

  /** Delivers newly applied updates. */
  onApplied(): void {
    for (const s of this.subs) s.closed ? this.subs.delete(s) : s.pump();
  }

  /** Ends every subscription (node stopping or leaving). */
  closeAll(err: Error): void {
    for (const s of this.subs) s.close(err);
    this.subs.clear();
  }
}
