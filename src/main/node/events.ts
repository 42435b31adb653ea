/**
 * Mesh events as this node sees them, for WatchMeshEvents (and `meshctl watch`): members joining
 * and leaving (control group), members suspected, declared dead or alive again (SWIM), links and
 * lanes up and down, the routing table changing, the control group's leader or term changing,
 * this node's health changing, streams opened here. Subscribers get events from the moment they
 * subscribe (no history); each has a bounded queue ({@link EVENT_QUEUE_MAX}): a subscriber that
 * does not keep up loses its oldest queued events, counted in `dropped` (and told so in the next
 * event it gets).
 */

/** Kinds of mesh events (the proto's MeshEventKind names). */
export type MeshEventKind =
  | 'MEMBER_JOINED' | 'MEMBER_LEFT' | 'MEMBER_EVICTED' | 'MEMBER_SUSPECT' | 'MEMBER_DEAD' | 'MEMBER_ALIVE'
  | 'LINK_UP' | 'LINK_DOWN' | 'ROUTES_CHANGED' | 'LEADER_CHANGED' | 'HEALTH_CHANGED' | 'STREAM_OPENED' | 'STREAM_CLOSED' | 'STREAM_LAGGING';

/** One event. Fields beyond `kind` and `atMs` are set as the kind needs them. */
export interface MeshEvent {
  kind: MeshEventKind;
  /** When it happened here (ms since epoch). */
  atMs: number;
  /** The member, the link's peer or the stream's source. */
  nodeId?: string;
  /** Links: the lane (0 control, 1 priority, 2+ bulk). */
  lane?: number;
  /** Why (link down, eviction). */
  reason?: string;
  /** LEADER_CHANGED: the new leader ('' = none known) and term. */
  leader?: string;
  term?: number;
  /** HEALTH_CHANGED: the new health. */
  health?: string;
  /** ROUTES_CHANGED: destinations now routed. */
  routes?: number;
  /** STREAM_OPENED, STREAM_CLOSED: the stream (and, opened, its targets). */
  streamId?: string;
  targets?: string[];
  /** STREAM_LAGGING: messages not yet acknowledged downstream (`reason`: the role, source or target). */
  lag?: number;
  /** Events this subscriber lost before this one (its queue was full). */
  dropped?: number;
}

/** What the change watcher reads each poll. */
export interface WatchedState {
  leader: string;
  term: number;
  health: string;
  /** Each stream's lag here and the lag at which it counts as lagging. */
  lags?: Array<{ streamId: string; role: string; lag: number; limit: number }>;
}

/** How often the leader, term and health are compared with their last values (ms). */
export const EVENT_POLL_MS = 500;

/** Most events queued for one subscriber. */
export const EVENT_QUEUE_MAX = 1024;

/** A subscriber's end: `write` returns false while the consumer is busy (then events queue). */
export interface EventSink {
  write(e: MeshEvent): boolean;
  onDrain(cb: () => void): void;
}

/** One subscription; see {@link MeshEvents.subscribe}. */
export class EventSubscription {
  private queue: MeshEvent[] = [];
  private waiting = false;
  private lost = 0;
  /** Events this subscriber lost in all. */
  dropped = 0;

  constructor(private readonly kinds: ReadonlySet<MeshEventKind> | null, private readonly sink: EventSink) {}

  /** Queues or sends `e` if this subscription wants its kind. */
  offer(e: MeshEvent): void {
    if (this.kinds && !this.kinds.has(e.kind)) return;
    if (this.queue.length >= EVENT_QUEUE_MAX) {
      this.queue.shift();
      this.lost++;
      this.dropped++;
    }
    this.queue.push(e);
    this.pump();
  }

  private pump(): void {
    while (!this.waiting && this.queue.length) {
      const e = this.queue.shift()!;
      const out = this.lost ? { ...e, dropped: this.lost } : e;
      this.lost = 0;
      if (!this.sink.write(out)) {
        this.waiting = true;
        this.sink.onDrain(() => { this.waiting = false; this.pump(); });
      }
    }
  }
}

/** The node's event hub. */
export class MeshEvents {
  private subs = new Set<EventSubscription>();

  /** Subscribes to the kinds in `kinds` (empty: all). @returns the subscription, to {@link unsubscribe}. */
  subscribe(kinds: MeshEventKind[], sink: EventSink): EventSubscription {
    const sub = new EventSubscription(kinds.length ? new Set(kinds) : null, sink);
    this.subs.add(sub);
    return sub;
  }

  unsubscribe(sub: EventSubscription): void {
    this.subs.delete(sub);
  }

  /** Subscriptions open now. */
  get size(): number {
    return this.subs.size;
  }

  /**
   * Polls `read` every `intervalMs` with a {@link ChangeWatcher} (leader, term, health).
   * @returns a function that stops polling.
   */
  watch(read: () => WatchedState, intervalMs: number): () => void {
    const w = new ChangeWatcher(this, read);
    w.poll();
    const timer = setInterval(() => w.poll(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Publishes an event to every subscription (stamped now unless `atMs` is given). */
  emit(e: Omit<MeshEvent, 'atMs'> & { atMs?: number }): void {
    if (this.subs.size === 0) return;
    const ev: MeshEvent = { ...e, atMs: e.atMs ?? Date.now() };
    for (const s of this.subs) s.offer(ev);
  }
}

/**
 * Watches values that change without a callback (the control group's leader and term, the node's
 * health, streams' lag) and emits an event when one changes; `poll()` is called on a timer. A
 * stream is reported STREAM_LAGGING once when its lag reaches its limit, and again only after it
 * fell below half of it (hysteresis).
 */
export class ChangeWatcher {
  private leader: string | null = null;
  private term = -1;
  private health: string | null = null;
  private lagging = new Set<string>();

  constructor(private readonly events: MeshEvents, private readonly read: () => WatchedState) {}

  /** Compares with the last values; emits LEADER_CHANGED, HEALTH_CHANGED and STREAM_LAGGING as needed. */
  poll(): void {
    const v = this.read();
    const seen = new Set<string>();
    for (const l of v.lags ?? []) {
      const key = `${l.role}\0${l.streamId}`;
      seen.add(key);
      if (!this.lagging.has(key) && l.limit > 0 && l.lag >= l.limit) {
        this.lagging.add(key);
        this.events.emit({ kind: 'STREAM_LAGGING', streamId: l.streamId, reason: l.role, lag: l.lag });
      } else if (this.lagging.has(key) && l.lag < l.limit / 2) this.lagging.delete(key);
    }
    for (const k of this.lagging) if (!seen.has(k)) this.lagging.delete(k);
    if (this.leader !== null && (v.leader !== this.leader || v.term !== this.term)) this.events.emit({ kind: 'LEADER_CHANGED', leader: v.leader, term: v.term });
    if (this.health !== null && v.health !== this.health) this.events.emit({ kind: 'HEALTH_CHANGED', health: v.health });
    this.leader = v.leader;
    this.term = v.term;
    this.health = v.health;
  }
}
