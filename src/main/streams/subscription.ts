/**
 * One subscriber of a stream at a target node. Deliveries are batches read from the inbox in
 * order, sent only against credits the subscriber granted; the subscriber acknowledges
 * cumulatively, which stores the consumer offset and trims the inbox in one transaction.
 * A write that the transport refuses (backpressure) pauses delivery until it drains.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { StoredMessage, StreamStore } from '../storage/index.js';
import type { TargetRuntime } from './target.js';

/** Most messages in one delivery batch. */
export const MAX_DELIVERY_BATCH = 1024;
/**
 * Most payload bytes in one delivery batch (a batch always holds at least one message). Each batch
 * is one gRPC message: larger ones cost the node and the client a fresh allocation (and page
 * faults) per batch; this keeps them within gRPC's default 4 MiB receive limit plus one message.
 */
export const MAX_DELIVERY_BATCH_BYTES = 4 * 1024 * 1024;
/** Most credits a subscriber may hold. */
export const MAX_CREDITS = 1_000_000;

/** Where deliveries go (a gRPC server stream in production). */
export interface SubscriberSink {
  /** Writes one batch; false means "buffer full, wait for drain". */
  write(batch: { streamId: string; source: string; messages: StoredMessage[] }): boolean;
  onDrain(cb: () => void): void;
  close(err?: MeshError): void;
}

/** Messages the first read of a subscription asks for (their size is not known yet). */
const FIRST_READ = 16;

/** How long delivery waits for a tenant key epoch that is not here yet before the subscription ends (ms). */
export const KEY_WAIT_MS = 30_000;
/** How often delivery tries again while it waits for a key epoch (ms). */
export const KEY_RETRY_MS = 100;

/** Construction parameters of a {@link Subscription}. */
export interface SubscriptionInit {
  streamId: string;
  tenantTag: string;
  /** Stores acknowledgements (the inbox is trimmed with them). */
  store: StreamStore;
  /**
   * Up to `limit` inbox messages from `fromSeq` (the inbox cache, else the store).
   * @throws MeshError ERR_STORAGE as {@link StreamStore.readInbox}.
   */
  read(fromSeq: number, limit: number): StoredMessage[];
  credits: number;
  sink: SubscriberSink;
  runtime(): TargetRuntime | undefined;
  /** `msgs`: the batch delivered. */
  onDelivered(count: number, streamId: string, last: { messageId: string }, msgs: StoredMessage[]): void;
  /**
   * Turns stored messages into what the subscriber gets (opens sealed payloads); a MeshError it
   * throws ends the subscription with that error, delivering nothing of the batch.
   */
  open(messages: StoredMessage[]): StoredMessage[] | Promise<StoredMessage[]>;
  /** The consumer offset advanced (durably): the target re-advertises its credit limit. */
  onConsumed(rt: TargetRuntime): void;
  /**
   * An inbox record failed its checksum: it is never delivered, the subscription ends with that
   * ERR_STORAGE, and so does every later one at that record (counted and logged by the node).
   */
  onDamaged(err: unknown): void;
  onClose(): void;
}

/** A live subscription. */
export class Subscription {
  private credits: number;
  private delivered = -1;
  private blocked = false;
  private closed = false;
  /** Since when delivery waits for a key epoch (ms since epoch; 0: not waiting). */
  private keyWaitSince = 0;
  /** Mean payload bytes of the last batch read (sizes the next read to {@link MAX_DELIVERY_BATCH_BYTES}). */
  private meanBytes = 0;

  constructor(private readonly s: SubscriptionInit) {
    this.credits = Math.min(Math.max(0, s.credits), MAX_CREDITS);
  }

  /** Highest seq sent to the subscriber. */
  get deliveredOffset(): number {
    return this.delivered;
  }

  /** Sends what the inbox holds beyond what was delivered, within credits. */
  pump(): void {
    const rt = this.s.runtime();
    if (!rt || this.closed || this.blocked) return;
    if (rt.rec.tenantTag !== this.s.tenantTag) {
      return this.close(new MeshError(ErrorCode.UnknownTenant, `stream ${this.s.streamId} belongs to another tenant`));
    }
    if (this.delivered < 0) this.delivered = rt.rec.consumerOffset;
    while (this.credits > 0 && this.delivered < rt.committedOffset) {
      const n = Math.min(this.credits, MAX_DELIVERY_BATCH, rt.committedOffset - this.delivered, this.fitting());
      let stored: StoredMessage[];
      try {
        stored = this.capped(this.s.read(this.delivered + 1, n));
      } catch (err) {
        this.s.onDamaged(err);
        return this.fail(err);
      }
      if (stored.length === 0) return;
      let msgs: StoredMessage[] | Promise<StoredMessage[]>;
      try {
        msgs = this.s.open(stored);
        this.keyWaitSince = 0;
      } catch (err) {
        if (!this.waitForKey(err)) return this.fail(err);
        return;
      }
      if (msgs instanceof Promise) {
        // Large payloads open on the sealing pool: nothing else is delivered meanwhile.
        this.blocked = true;
        msgs.then((m) => {
          this.blocked = false;
          if (this.closed) return;
          if (this.deliver(rt, m)) this.pump();
        }, (err: unknown) => this.fail(err));
        return;
      }
      if (!this.deliver(rt, msgs)) return;
    }
  }

  /**
   * How many messages of the last batch's mean size fit {@link MAX_DELIVERY_BATCH_BYTES} (at least
   * 1); {@link FIRST_READ} before the first batch, whose size is not known yet.
   */
  private fitting(): number {
    return this.meanBytes > 0 ? Math.max(1, Math.floor(MAX_DELIVERY_BATCH_BYTES / this.meanBytes)) : FIRST_READ;
  }

  /** The longest prefix of `stored` within {@link MAX_DELIVERY_BATCH_BYTES} (at least one message). */
  private capped(stored: StoredMessage[]): StoredMessage[] {
    let bytes = 0;
    let i = 0;
    for (; i < stored.length; i++) {
      if (i > 0 && bytes + stored[i].payload.length > MAX_DELIVERY_BATCH_BYTES) break;
      bytes += stored[i].payload.length;
    }
    if (i > 0) this.meanBytes = bytes / i;
    return i < stored.length ? stored.slice(0, i) : stored;
  }

  /** Sends one opened batch; false when the sink is full (delivery resumes on drain). */
  private deliver(rt: TargetRuntime, msgs: StoredMessage[]): boolean {
    this.delivered = msgs[msgs.length - 1].seq;
    this.credits -= msgs.length;
    this.s.onDelivered(msgs.length, this.s.streamId, msgs[msgs.length - 1], msgs);
    if (this.s.sink.write({ streamId: this.s.streamId, source: rt.rec.source, messages: msgs })) return true;
    this.blocked = true;
    this.s.sink.onDrain(() => {
      this.blocked = false;
      this.pump();
    });
    return false;
  }

  /**
   * A payload's key epoch is not here yet (ERR_UNAVAILABLE: its wrap is still being committed by
   * the control group while the data came faster): delivery pauses and tries again every
   * {@link KEY_RETRY_MS}, for at most {@link KEY_WAIT_MS}; false when `err` is another error or
   * the wait is over (the subscription then ends with it).
   */
  private waitForKey(err: unknown): boolean {
    if (!(err instanceof MeshError) || err.code !== ErrorCode.Unavailable) return false;
    const now = Date.now();
    if (this.keyWaitSince === 0) this.keyWaitSince = now;
    if (now - this.keyWaitSince > KEY_WAIT_MS) return false;
    this.blocked = true;
    setTimeout(() => {
      this.blocked = false;
      this.pump();
    }, KEY_RETRY_MS).unref();
    return true;
  }

  private fail(err: unknown): void {
    this.close(err instanceof MeshError ? err : new MeshError(ErrorCode.Internal, String(err)));
  }

  /**
   * The subscriber processed every seq <= `offset` and grants `credits` more. The credits count
   * only once the new consumer offset is stored, so at most the subscriber's credit window of
   * messages is ever out past the stored offset: after a crash of this node, at most that many
   * come again (the acknowledgements still in LMDB's write queue do not widen it).
   * @throws MeshError ERR_INVALID_ARGUMENT when `offset` is beyond what was delivered;
   * ERR_STORAGE when the offset cannot be stored.
   */
  async ack(offset: number, credits: number): Promise<void> {
    if (offset > Math.max(this.delivered, 0)) {
      throw new MeshError(ErrorCode.InvalidArgument, `ack ${offset} beyond delivered ${this.delivered}`);
    }
    const rt = this.s.runtime();
    if (rt && offset > rt.rec.consumerOffset) {
      rt.rec.consumerOffset = offset;
      await this.s.store.ackInbox(this.s.streamId, offset);
      this.s.onConsumed(rt);
    }
    this.credits = Math.min(this.credits + Math.max(0, credits), MAX_CREDITS);
    this.pump();
  }

  /**
   * Delivers nothing until `ready` settles (the tenant's key being wrapped for this node), then
   * starts; a rejection ends the subscription with its error.
   */
  startAfter(ready: Promise<void>): void {
    this.blocked = true;
    ready.then(() => {
      this.blocked = false;
      this.pump();
    }, (err: unknown) => this.close(err instanceof MeshError ? err : new MeshError(ErrorCode.Internal, String(err))));
  }

  /** Ends the subscription, with an error for the subscriber when given. */
  close(err?: MeshError): void {
    if (this.closed) return;
    this.closed = true;
    this.s.onClose();
    this.s.sink.close(err);
  }
}
