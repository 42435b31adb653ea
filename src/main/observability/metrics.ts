/**
 * Prometheus metrics (prom-client). Data-plane counters are read from the data plane's stats at
 * scrape time, so they work the same when the data plane runs in another thread.
 * Names and meanings are listed in docs/METRICS.md.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataPlaneStats, LinkInfo } from '../../workers/dataplane/index.js';

/** Where scrape-time values come from. */
export interface MetricsSources {
  dataPlaneStats(): Promise<DataPlaneStats>;
  links(): Promise<LinkInfo[]>;
  /** Stream id -> lag in messages (source: published but not acked by all targets; target: received but not acked by the subscriber). */
  streamLag(): Array<{ streamId: string; role: string; lag: number }>;
  /**
   * Per stream and target at this source: the send window (bytes), bytes in flight, smoothed and
   * least round trip and retransmission timeout (ms); see SourceStreams.windows.
   */
  streamWindows?(): Array<{ streamId: string; target: string; windowBytes: number; inFlightBytes: number; srttMs: number; minRttMs: number; rtoMs: number }>;
  /** Live data in the stream store (bytes; `storage.maxBytes` limits it). */
  storageUsedBytes?(): number;
  /** The Mesh Control Group as this node sees it (null status: the group does not run here), its health and readiness. */
  consensus?(): { status: ConsensusView | null; health: 'HEALTHY' | 'DEGRADED' | 'CRITICAL'; ready: boolean };
  /** SWIM: members by status, and this node's local health multiplier. */
  membership?(): { alive: number; suspect: number; dead: number; localHealth: number };
}

/** What the consensus gauges read of the control group's status (McgStatus). */
export interface ConsensusView {
  term: number;
  leader: string;
  role: string;
  commitIndex: number;
  appliedIndex: number;
  /** Leader only: each member's highest replicated index. */
  members: Array<{ nodeId: string; matchIndex: number }>;
}

/** Health states in the order `meshd_health` encodes them (0, 1, 2). */
const HEALTH_STATES = ['HEALTHY', 'DEGRADED', 'CRITICAL'] as const;

/** How long one answer of a scrape-time source is reused (ms): about one scrape. */
const SCRAPE_MEMO_MS = 250;

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let at = 0;
  let last: Promise<T> | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - at > SCRAPE_MEMO_MS) {
      at = now;
      last = fn();
      last.catch(() => { last = null; });
    }
    return last;
  };
}

/** The node's metrics registry and the counters other subsystems increment. */
export class Metrics {
  readonly registry = new Registry();
  /**
   * Series labelled with stream ids (`meshd_stream_lag_messages`): served on /metrics only to an
   * admin bearer token, so an unauthenticated scrape does not disclose stream ids.
   */
  readonly streamRegistry = new Registry();
  readonly retransmissions: Counter;
  readonly deliveries: Counter;
  /** Client-data messages accepted by PublishClientData here (retries answered as duplicates excluded). */
  readonly published: Counter;
  /** Deduplication hits: a publish retry answered from the producer table (source), a message received again (target). */
  readonly duplicates: Counter<'where'>;
  /**
   * End-to-end latency of client data (seconds), from the publish (the time in the message's ULID,
   * the source's clock) to the target: `stage` stored (in the inbox) or delivered (to a
   * subscriber); observed once per batch, for its newest message. Across nodes it includes their
   * clock offset (NTP keeps it to milliseconds).
   */
  readonly streamLatency: Histogram<'stage'>;
  /** PublishClientData at the source: seconds until answered, by ack level. */
  readonly publishSeconds: Histogram<'ack'>;
  /** Durable (synced) writes: outbox and inbox batches of the stream store, Raft log writes; seconds, by log. */
  readonly walWrites: Histogram<'log'>;
  /** Client-data messages per stream (admin-only registry): published here, stored here as a target, delivered to a subscriber here. */
  readonly streamMessages: Counter<'stream' | 'role'>;
  /** Publishes refused by a QoS policy (node/admission.ts), by reason. */
  readonly admissionRefused: Counter<'reason'>;
  readonly apiErrors: Counter<'code'>;
  readonly handshakeFailures: Counter<'code'>;
  readonly streamDrops: Counter<'reason'>;
  /** Stored records that failed their checksum when read, by store (outbox, inbox). */
  readonly damagedRecords: Counter<'store'>;
  /** Consensus frames dropped (malformed body, oversized reassembly), by error code. */
  readonly consensusDrops: Counter<'code'>;
  /** LSAs refused (malformed, or a sequence too far ahead), by error code. */
  readonly lsaDrops: Counter<'code'>;
  /** SWIM messages dropped (malformed, or from a node that is not a member), by error code. */
  readonly swimDrops: Counter<'code'>;
  /** Stream ack frames dropped (a malformed SACK body, wire/sack.ts), by error code. */
  readonly ackDrops: Counter<'code'>;
  /** Fast reroutes: seconds from a link's cut to the first ack, cumulative or selective, that covers the oldest message it may have lost. */
  readonly reroutes: Histogram;
  /** Fast reroutes: seconds from a link's cut to the first cumulative ack that covers the oldest message it may have lost (the target has everything before it too). */
  readonly reroutesInOrder: Histogram;
  /** Fast reroutes: seconds from a link's cut until everything in flight at the cut was acknowledged. */
  readonly reroutesComplete: Histogram;
  /** SWIM status changes this node observed, by new status. */
  readonly memberChanges: Counter<'status'>;
  /** VirtualLink lane changes (up, down, promoted, scale_up, scale_down, refused). */
  readonly laneEvents: Counter<'event'>;

  constructor(sources: MetricsSources) {
    // One scrape reads stats and links for several metrics; ask the data plane once per scrape.
    const src: MetricsSources = { ...sources, dataPlaneStats: memo(sources.dataPlaneStats), links: memo(sources.links) };
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'meshd_' });
    this.retransmissions = new Counter({ name: 'meshd_retransmissions_total', help: 'Client-data messages re-sent after a retransmission timeout', registers });
    this.deliveries = new Counter({ name: 'meshd_deliveries_total', help: 'Client-data messages delivered to subscribers', registers });
    this.published = new Counter({ name: 'meshd_published_total', help: 'Client-data messages published at this node (source), retries answered as duplicates excluded', registers });
    this.duplicates = new Counter({
      name: 'meshd_duplicates_total', help: 'Deduplication hits: publish retries answered from the producer table (where=source), messages received again and re-acknowledged without storing (where=target)',
      labelNames: ['where'], registers,
    });
    const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    this.streamLatency = new Histogram({
      name: 'meshd_stream_latency_seconds', help: 'Client data from publish (its ULID time, the source clock) to stored at the target or delivered to a subscriber, per batch (its newest message), by stage',
      labelNames: ['stage'], buckets: latencyBuckets, registers,
    });
    this.publishSeconds = new Histogram({ name: 'meshd_publish_seconds', help: 'PublishClientData at the source until answered, by ack level', labelNames: ['ack'], buckets: latencyBuckets, registers });
    this.walWrites = new Histogram({
      name: 'meshd_wal_write_seconds', help: 'Durable (synced) writes until on disk: outbox and inbox batches of the stream store, the Raft log of the control group; by log',
      labelNames: ['log'], buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers,
    });
    this.streamMessages = new Counter({
      name: 'meshd_stream_messages_total', help: 'Client-data messages per stream: published here, stored here (target), delivered to a subscriber here', labelNames: ['stream', 'role'], registers: [this.streamRegistry],
    });
    this.admissionRefused = new Counter({
      name: 'meshd_admission_refused_total', help: 'Publishes refused by a QoS policy, by reason: max_in_flight, max_pending, circuit_open', labelNames: ['reason'], registers,
    });
    this.apiErrors = new Counter({ name: 'meshd_api_errors_total', help: 'API calls refused, by error code', labelNames: ['code'], registers });
    this.handshakeFailures = new Counter({ name: 'meshd_handshake_failures_total', help: 'Link handshakes refused or failed, by error code', labelNames: ['code'], registers });
    this.streamDrops = new Counter({ name: 'meshd_stream_messages_dropped_total', help: 'Inbound client-data messages dropped by the stream layer', labelNames: ['reason'], registers });
    this.damagedRecords = new Counter({ name: 'meshd_storage_damaged_records_total', help: 'Stored records that failed their CRC32C when read (never used), by store', labelNames: ['store'], registers });
    this.lsaDrops = new Counter({ name: 'meshd_lsa_dropped_total', help: 'LSAs refused as malformed, with a sequence too far ahead, or without their origin\'s valid signature, by error code', labelNames: ['code'], registers });
    this.consensusDrops = new Counter({ name: 'meshd_consensus_frames_dropped_total', help: 'Consensus frames dropped as malformed or too large, by error code', labelNames: ['code'], registers });
    this.ackDrops = new Counter({ name: 'meshd_acks_dropped_total', help: 'Stream ack frames dropped as malformed (a bad SACK body), by error code', labelNames: ['code'], registers });
    this.swimDrops = new Counter({ name: 'meshd_swim_dropped_total', help: 'SWIM membership messages dropped as malformed or not from a member, by error code', labelNames: ['code'], registers });
    this.memberChanges = new Counter({ name: 'meshd_member_changes_total', help: 'SWIM member status changes observed here, by new status (alive, suspect, dead)', labelNames: ['status'], registers });
    this.laneEvents = new Counter({
      name: 'meshd_lane_events_total', help: 'VirtualLink lane changes: up, down, promoted (a data lane took over control), scale_up, scale_down, refused (over the peer\'s lane cap)',
      labelNames: ['event'], registers,
    });
    const rerouteBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];
    this.reroutes = new Histogram({
      name: 'meshd_reroute_seconds', help: 'Fast reroute: time from a cut link (its last frame received, when it went silent) to the first acknowledgement, cumulative or selective, covering the oldest message it may have lost, per rerouted stream target',
      buckets: rerouteBuckets, registers,
    });
    this.reroutesInOrder = new Histogram({
      name: 'meshd_reroute_in_order_seconds', help: 'Fast reroute: time from a cut link to the first cumulative acknowledgement covering the oldest message it may have lost (everything before it arrived too), per rerouted stream target',
      buckets: rerouteBuckets, registers,
    });
    this.reroutesComplete = new Histogram({
      name: 'meshd_reroute_complete_seconds', help: 'Fast reroute: time from a cut link until every message in flight at the cut was acknowledged, per rerouted stream target',
      buckets: rerouteBuckets, registers,
    });
    this.scraped(src, registers);
    if (src.membership) {
      const m = src.membership;
      new Gauge({
        name: 'meshd_members', help: 'Members by SWIM status as this node sees them (itself included as alive)', labelNames: ['status'], registers,
        collect() {
          const v = m();
          for (const s of ['alive', 'suspect', 'dead'] as const) this.set({ status: s }, v[s]);
        },
      });
      new Gauge({ name: 'meshd_local_health', help: 'Lifeguard local health multiplier of this node (0 healthy; probe timing is stretched by it + 1)', registers, collect() { this.set(m().localHealth); } });
    }
    if (src.consensus) this.consensusGauges(src.consensus, registers);
    if (src.storageUsedBytes) {
      const used = src.storageUsedBytes;
      new Gauge({ name: 'meshd_storage_used_bytes', help: 'Live data in the stream store (pages of every database), what storage.maxBytes limits', registers, collect() { this.set(used()); } });
    }
  }

  private consensusGauges(c: NonNullable<MetricsSources['consensus']>, registers: Registry[]): void {
    const g = (name: string, help: string, pick: (v: ReturnType<typeof c>) => number) =>
      new Gauge({ name, help, registers, collect() { this.set(pick(c())); } });
    g('meshd_health', 'Health of this node: 0 HEALTHY, 1 DEGRADED (fewer than half of the known nodes unreachable), 2 CRITICAL', (v) => HEALTH_STATES.indexOf(v.health));
    g('meshd_ready', '1 when the node is ready (/readyz 200, grpc.health.v1 SERVING): a member, not CRITICAL, with a control-group leader', (v) => (v.ready ? 1 : 0));
    g('meshd_raft_term', 'Mesh Control Group: current Raft term', (v) => v.status?.term ?? 0);
    g('meshd_raft_commit_index', 'Mesh Control Group: commit index', (v) => v.status?.commitIndex ?? 0);
    g('meshd_raft_applied_index', 'Mesh Control Group: last index applied here', (v) => v.status?.appliedIndex ?? 0);
    g('meshd_raft_leader', '1 while this node is the Mesh Control Group leader', (v) => (v.status?.role === 'leader' ? 1 : 0));
    new Gauge({
      name: 'meshd_raft_follower_lag_entries', help: 'Mesh Control Group, on the leader: entries each member is behind the commit index', labelNames: ['member'], registers,
      collect() {
        this.reset();
        const s = c().status;
        if (s?.role !== 'leader') return;
        for (const m of s.members) if (m.nodeId !== s.leader) this.set({ member: m.nodeId }, Math.max(0, s.commitIndex - m.matchIndex));
      },
    });
  }

  private scraped(src: MetricsSources, registers: Registry[]): void {
    const stat = (name: string, help: string, pick: (s: DataPlaneStats) => number) =>
      new Counter({ name, help, registers, async collect() { this.reset(); this.inc(pick(await src.dataPlaneStats())); } });
    stat('meshd_frames_in_total', 'Frames received on all links', (s) => s.framesIn);
    stat('meshd_frames_out_total', 'Frames sent on all links', (s) => s.framesOut);
    stat('meshd_bytes_in_total', 'Bytes received on all links', (s) => s.bytesIn);
    stat('meshd_bytes_out_total', 'Bytes sent on all links', (s) => s.bytesOut);
    stat('meshd_frames_forwarded_total', 'Transit frames forwarded to a next hop', (s) => s.forwarded);
    stat('meshd_link_suspicions_total', 'Times a neighbor was suspected: all its lanes in a shard silent for half of dataPlane.deadAfterMs; its frames then take alternates and what its lanes may have lost is resent', (s) => s.suspected);
    stat('meshd_sacks_sent_total', 'Selective acks this node sent at once for resends that arrived for it (the source times a reroute by them)', (s) => s.sacks);
    stat('meshd_ack_copies_total', 'Acks this node originated also sent over a second path, so they cross a cut of either path at once', (s) => s.ackCopies);
    stat('meshd_link_suspicions_cleared_total', 'Times a suspected neighbor was heard again before being declared dead (a false suspicion); its resend is not timed as a reroute', (s) => s.suspicionsCleared);
    stat('meshd_frames_uturned_total', 'Transit frames that came back from the next hop the routes name (its own path broke first) and were sent to a precomputed alternate instead', (s) => s.uturns);
    stat('meshd_frames_rerouted_total', 'Frames sent on a precomputed alternate next hop because the primary link was down or its neighbor suspected (fast reroute)', (s) => s.rerouted);
    stat('meshd_chunks_striped_total', 'Bulk message chunks sent over a path other than the primary one (multipath)', (s) => s.striped);
    stat('meshd_shard_handoffs_total', 'Frames handed to another data-plane shard over a shard ring: transit frames, and chunks for the shard that reassembles their stream', (s) => s.shardHandoffs);
    new Counter({
      name: 'meshd_frames_dropped_total', help: 'Frames dropped by the data plane, by reason', labelNames: ['reason'], registers,
      async collect() {
        this.reset();
        for (const [reason, n] of Object.entries((await src.dataPlaneStats()).dropped)) this.inc({ reason }, n);
      },
    });
    new Gauge({
      name: 'meshd_links_up', help: 'Links bound to a peer', registers,
      async collect() { this.set((await src.links()).filter((l) => l.up).length); },
    });
    const linkGauge = (name: string, help: string, pick: (l: LinkInfo) => number) => new Gauge({
      name, help, labelNames: ['peer', 'lane'], registers,
      async collect() {
        this.reset();
        for (const l of await src.links()) if (l.up && l.peerId) this.set({ peer: l.peerId, lane: String(l.lane) }, pick(l));
      },
    });
    linkGauge('meshd_link_rtt_ms', 'Smoothed heartbeat RTT per peer and lane (ms)', (l) => l.rttMs);
    linkGauge('meshd_link_bandwidth_mbps', 'Bandwidth estimate per peer and lane (Mbit/s; 0 = not measured yet)', (l) => l.bwMbps);
    linkGauge('meshd_link_loss_ratio', 'Fraction of the last 20 heartbeats unanswered per peer and lane', (l) => l.loss);
    linkGauge('meshd_link_utilization_ratio', 'Sending rate over the bandwidth estimate per peer and lane', (l) => l.util);
    linkGauge('meshd_link_queue_bytes', 'Send queue per peer and lane: bytes waiting for credit, batched and in the socket buffer', (l) => l.queueBytes);
    linkGauge('meshd_link_credit_bytes', 'Credited bytes a lane may still send before the peer\'s next window update', (l) => l.creditBytes);
    new Gauge({
      name: 'meshd_stream_lag_messages', help: 'Messages not yet acknowledged downstream, per stream and role', labelNames: ['stream', 'role'], registers: [this.streamRegistry],
      collect() {
        this.reset();
        for (const s of src.streamLag()) this.set({ stream: s.streamId, role: s.role }, s.lag);
      },
    });
    type Window = ReturnType<NonNullable<MetricsSources['streamWindows']>>[number];
    const windowGauge = (name: string, help: string, pick: (w: Window) => number) => new Gauge({
      name, help, labelNames: ['stream', 'target'], registers: [this.streamRegistry],
      collect() {
        this.reset();
        for (const w of src.streamWindows?.() ?? []) this.set({ stream: w.streamId, target: w.target }, pick(w));
      },
    });
    windowGauge('meshd_stream_window_bytes', 'Source: the byte window per stream and target (twice the measured bandwidth-delay product, within streams.minWindowBytes and 32 MiB)', (w) => w.windowBytes);
    windowGauge('meshd_stream_in_flight_bytes', 'Source: bytes sent and not yet acknowledged per stream and target', (w) => w.inFlightBytes);
    windowGauge('meshd_stream_srtt_ms', 'Source: smoothed round trip from a message\'s send to its ack per stream and target (ms; 0 before the first)', (w) => w.srttMs);
    windowGauge('meshd_stream_min_rtt_ms', 'Source: least round trip of the last 10 s per stream and target, the one the window is sized by (ms; 0 before the first)', (w) => w.minRttMs);
    windowGauge('meshd_stream_rto_ms', 'Source: retransmission timeout per stream and target (ms)', (w) => w.rtoMs);
  }
}
