/**
 * A mesh node's control plane: lifecycle (seed, join, start, stop), links and their handshakes,
 * link-state routing and client-data streams, wired to one data plane through its typed
 * messages. The API layer calls the methods here; nothing here knows about gRPC or HTTP.
 */
import { tagOf } from '../../shared/ids.js';
import type { JoinPolicy, Member } from '../../shared/wire/index.js';
import { Metrics } from '../observability/metrics.js';
import { SealPool } from '../security/index.js';
import { MemoryRaftBackend, type MeshRecord } from '../storage/index.js';
import { SourceStreams, TargetStreams, type AckLevel, type ProducerRequest, type PublishResult, type SubscriberSink, type Subscription } from '../streams/index.js';
import { DEFAULT_COSTS, LinkState, type Route } from '../topology/index.js';
import { newMembership, type NodeMembership } from './node-membership.js';
import { readinessOf, type Readiness } from './readiness.js';
import { EVENT_POLL_MS, MeshEvents } from './events.js';
import { FastReroute } from './reroute.js';
import { NodeDispatch } from './dispatch.js';
import { PeerDialer } from './dialer.js';
import { LaneManager } from './lane-manager.js';
import { NodeLinks } from './links.js';
import { Handshaker } from './handshake.js';
import { NodeControl } from './control.js';
import { NodeTrust } from './trust.js';
import { AccessControl } from './access.js';
import { PublisherCheck } from './publisher-check.js';
import { TenantCrypto } from './tenant-crypto.js';
import { SealedUpdates } from './sealed-updates.js';
import { KeyRotation } from './key-rotation.js';
import { MembershipBackupWriter } from './membership-backup.js';
import { buildStatus, type MeshStatusView } from './status.js';
import type { NodeComponents } from './components.js';
import { LinkAdmin } from './link-admin.js';
import { MeshLifecycle } from './lifecycle.js';
import { OperatorViews } from './operator-views.js';
import { Admission } from './admission.js';
import { MeshSettings, parseSettings } from './mesh-settings.js';
import { timeAsyncMethod } from '../observability/timing.js';
import { pendingOf, streamDelivered, streamLag } from './stream-stats.js';
import { tracedPublish, targetSpan } from './tracing-hooks.js';
import { meshTracer, type MeshTracer } from '../../shared/tracing/index.js';

/** One mesh node's control plane. */
export class MeshNode {
  readonly metrics: Metrics;
  /** Mesh events for WatchMeshEvents (events.ts). */
  readonly events = new MeshEvents();
  private stopEventWatch: (() => void) | null = null;
  /** Consensus-backed calls (updates, leave, evict, health); see control.ts. */
  readonly control: NodeControl;
  /** API tokens, roles and ACL grants; see access.ts. */
  readonly access: AccessControl;
  /** Tenant keys, sealing and opening of payloads; see tenant-crypto.ts. */
  readonly tenantCrypto: TenantCrypto;
  private readonly publishers: PublisherCheck;
  private readonly sealPool = new SealPool();
  private readonly membershipBackup: MembershipBackupWriter;
  /** System and internal-DB updates sealed under the mesh key; see sealed-updates.ts. */
  readonly updates: SealedUpdates;
  /** RotateNodeKey; see key-rotation.ts. */
  readonly keyRotation: KeyRotation;
  readonly selfId: string;
  /** The mesh address other nodes dial (`mesh.advertise`, else host:port; with port 0, the port bound, set in {@link init}). */
  address: string;
  /** The membership held and whether the node takes part now; see lifecycle.ts. */
  private readonly life: MeshLifecycle;
  private links: NodeLinks;
  private tagIds = new Map<bigint, string>();
  private knownIds = new Set<string>();
  private handshaker: Handshaker;
  private linkState: LinkState;
  /** SWIM failure detection over the control group's members. */
  readonly membership: NodeMembership;
  /** AddLink, DropLink, EstablishFullLinks and the sessions calls; see link-admin.ts. */
  readonly linkAdmin: LinkAdmin;
  /** Routing table, topology, message metrics and consensus state; see operator-views.ts. */
  readonly views: OperatorViews;
  /** QoS policies at publish time; see admission.ts. */
  private readonly admission: Admission;
  private readonly meshSettings: MeshSettings;
  /** OpenTelemetry spans of sampled client data (null: tracing off); see tracing-hooks.ts. */
  private readonly tracer: MeshTracer | null;
  private dialer: PeerDialer;
  private lanes: LaneManager;
  private source: SourceStreams;
  private reroute: FastReroute;
  private target: TargetStreams;
  private trust: NodeTrust;

  constructor(private readonly c: NodeComponents) {
    const { config, store, dp, log } = c;
    this.selfId = config.node.id;
    this.address = config.mesh.advertise ?? `${config.mesh.host}:${config.mesh.port}`;
    const addressOf = () => this.address;
    this.tagIds.set(tagOf(this.selfId), this.selfId);
    this.links = new NodeLinks({
      selfId: this.selfId, dp, store, log, handshaker: () => this.handshaker,
      onNeighborsChanged: (synced) => {
        if (synced !== undefined) this.linkState.syncNeighbor(synced);
        this.linkState.originate();
      },
      onPeer: (tag, id) => this.tagIds.set(tag, id), isDropped: (id) => this.linkAdmin.isDropped(id), onLaneEvent: (e, peer, lane, reason) => {
        this.metrics.laneEvents.inc({ event: e });
        if (e !== 'promoted') this.events.emit({ kind: e === 'up' ? 'LINK_UP' : 'LINK_DOWN', nodeId: peer, lane, reason });
      },
    });
    this.metrics = new Metrics({
      dataPlaneStats: () => dp.stats(), links: () => dp.links(), streamLag: () => streamLag(this.source, this.target), streamWindows: () => this.source.windows(), storageUsedBytes: () => c.store.usedBytes(),
      membership: () => this.membership.summary(),
      consensus: () => ({ status: this.control.status(), health: this.control.health().state, ready: this.readiness().ready }),
    });
    timeAsyncMethod(store, 'appendOutbox', (sec) => this.metrics.walWrites.observe({ log: 'outbox' }, sec));
    timeAsyncMethod(store, 'commitInbox', (sec) => this.metrics.walWrites.observe({ log: 'inbox' }, sec));
    if (c.raftBackend) timeAsyncMethod(c.raftBackend, 'write', (sec) => this.metrics.walWrites.observe({ log: 'raft' }, sec));
    this.membershipBackup = new MembershipBackupWriter(c.identity.dir);
    this.trust = new NodeTrust({ selfId: this.selfId, identity: c.identity, dp, state: () => this.control.mcg.state, mesh: () => this.life.mesh });
    this.handshaker = new Handshaker({
      selfId: this.selfId, selfName: config.node.name, get address() { return addressOf(); }, dp,
      meshId: () => (this.life.active ? this.life.mesh?.meshId : undefined), mcgMesh: () => this.control.mcg.state.mesh,
      member: (id) => this.trust.member(id), memberKeys: () => this.trust.members(), members: () => this.members(), idInUse: (id) => this.idInUse(id),
      isEvicted: (id) => this.control.mcg.state.evicted.has(id), isDropped: (id) => this.linkAdmin.isDropped(id),
      admit: (p) => this.control.admit(p.nodeId, p.name, p.address, p),
      ownKey: () => c.identity.fingerprint, ownKx: () => c.identity.kx, meshCa: () => c.identity.meshCa,
      operatorCa: () => (c.identity.operator ? c.identity.meshFingerprint : null), maxLanes: () => config.lanes.max,
      onAccepted: (linkId, peer) => this.links.bind(linkId, peer, false, peer.address),
      onFailure: (linkId, code, message) => {
        this.metrics.handshakeFailures.inc({ code });
        log.warn({ linkId, code, message }, 'handshake refused');
      },
    });
    this.linkState = new LinkState({
      selfId: this.selfId, selfName: config.node.name, get address() { return addressOf(); }, dp, log,
      neighbors: () => this.links.neighbors, onRoutesChanged: (r) => this.routesChanged(r), store,
      routing: {
        k: config.routing.k, hysteresis: config.routing.hysteresis, weights: config.routing.linkWeights, scheduler: config.routing.scheduler,
        costs: { ...DEFAULT_COSTS, ...config.routing.costs },
      },
      sign: (body) => this.trust.sign(body), verify: (origin, body, sig) => this.trust.verify(origin, body, sig),
    });
    this.dialer = new PeerDialer({
      connect: (a, s) => this.links.connect(a, s), linkFor: (a) => this.links.linkFor(a), waitClosed: (l) => this.links.waitClosed(l), log,
    });
    this.linkAdmin = new LinkAdmin({
      selfId: this.selfId, address: addressOf, dp, links: this.links, dialer: this.dialer, store, log, lsas: () => this.linkState.lsdb.all(),
      maxLanes: config.lanes.max, requireActive: () => this.life.requireActive(),
    });
    this.meshSettings = new MeshSettings(config, log);
    this.tracer = meshTracer(config.tracing, this.selfId);
    this.admission = new Admission({
      policies: () => this.control.mcg.state.policies, pending: (t) => pendingOf(this.source, t), onRefused: (reason) => this.metrics.admissionRefused.inc({ reason }), log,
    });
    this.views = new OperatorViews({
      config, selfId: this.selfId, linkState: () => this.linkState, mcg: () => this.control.mcg, metrics: () => this.metrics, streamLag: () => streamLag(this.source, this.target),
      reachable: (id) => this.linkState.table().has(id),
    });
    this.lanes = new LaneManager({
      settings: config.lanes, neighbors: () => this.links.neighbors, connect: (a, s, lane) => this.links.connect(a, s, lane), dp, log,
      onEvent: (e) => this.metrics.laneEvents.inc({ event: e }),
    });
    this.source = new SourceStreams({
      selfId: this.selfId, store, dp, cfg: config.streams, log,
      hasRoute: (id) => this.linkState.table().has(id), isKnown: (id) => !!this.linkState.lsdb.get(id),
      onRetransmit: (n) => this.metrics.retransmissions.inc(n), onRerouted: (phase, ms) => ({ first: this.metrics.reroutes, inOrder: this.metrics.reroutesInOrder, complete: this.metrics.reroutesComplete })[phase].observe(ms / 1000), onDamaged: (store) => this.metrics.damagedRecords.inc({ store }), storageFull: () => this.storageFull(), onClosed: (id) => this.events.emit({ kind: 'STREAM_CLOSED', nodeId: this.selfId, streamId: id }), windowShare: (t) => this.admission.windowShare(t), sealer: { ready: (t) => this.tenantCrypto.ready(t), prepare: (t) => this.tenantCrypto.prepare(t), seal: (t, s, p, by) => this.tenantCrypto.seal(t, s, p, by) },
    });
    this.target = new TargetStreams({
      selfId: this.selfId, store, dp, log, windowMessages: config.streams.windowMessages, inboxHighWater: config.streams.inboxHighWater,
      nodeIdOf: (tag) => this.nodeIdOf(tag), onDelivered: (n, stream, last) => streamDelivered(this.metrics, 'delivered', n, stream, last.messageId),
      onStored: (n, stream, last) => streamDelivered(this.metrics, 'stored', n, stream, last.messageId),
      onClosed: (streamId, source) => this.events.emit({ kind: 'STREAM_CLOSED', nodeId: source, streamId }), onTraced: (stage, m, ctx) => targetSpan(this.tracer, stage, m, ctx), onDuplicate: () => this.metrics.duplicates.inc({ where: 'target' }),
      onDropped: (reason) => this.metrics.streamDrops.inc({ reason }), streamsLostInRepair: () => this.life.mesh?.repair?.streamsLost ?? false, storageFull: () => this.storageFull(),
      onDamaged: (streamId, err) => {
        this.metrics.damagedRecords.inc({ store: 'inbox' });
        log.error({ stream_id: streamId, err: (err as Error).message }, 'inbox record damaged; not delivered, the subscription ends with ERR_STORAGE');
      },
      open: (tenant, streamId, msgs) => this.tenantCrypto.open(tenant, streamId, msgs),
      prepare: (tenant) => (this.tenantCrypto.ready(tenant) ? undefined : this.tenantCrypto.prepare(tenant)),
      refusal: (m, source) => (config.security.insecureDevOnly ? null : this.publishers.refusal(source, m.tenant, m.streamId, m.payload)),
    });
    this.control = new NodeControl({
      selfId: this.selfId, store, backend: c.raftBackend ?? new MemoryRaftBackend(), log,
      options: { ...config.consensus, heartbeatTicks: 1 },
      sendFrame: (to, frame) => dp.execute({ type: 'send-routed', dst: tagOf(to), frame }),
      reachable: (id) => this.linkState.table().has(id),
      knownNodes: () => this.linkState.lsdb.all().filter((l) => !l.gone).map((l) => l.origin),
      onEvicted: () => void this.life.forget('evicted from the mesh'),
      dropPeer: (id) => this.links.drop(id),
      onMembershipChanged: () => this.refreshTrust(),
      onSettings: () => this.applyMeshSettings(),
      onMemberCommand: (kind, nodeId, reason) => this.events.emit({ kind: kind === 'join' ? 'MEMBER_JOINED' : kind === 'leave' ? 'MEMBER_LEFT' : 'MEMBER_EVICTED', nodeId, reason }),
    });
    this.publishers = new PublisherCheck(() => this.control.mcg.state);
    this.access = new AccessControl(this.selfId, c.identity, this.trust, this.control);
    this.tenantCrypto = new TenantCrypto({
      selfId: this.selfId, identity: c.identity, trust: this.trust, control: this.control, log, meshId: () => this.life.mesh?.meshId,
      insecure: config.security.insecureDevOnly, pool: this.sealPool,
    });
    this.updates = new SealedUpdates(this.control, this.tenantCrypto, config.consensus.maxUpdateBytes, (p) => parseSettings(p, config));
    this.keyRotation = new KeyRotation({
      selfId: this.selfId, identity: c.identity, control: this.control, access: this.access, dp, log,
      meshId: () => this.life.mesh?.meshId, requireMember: () => this.life.requireMember(), refreshTrust: () => this.refreshTrust(),
      holdKeys: () => this.tenantCrypto.holdAll(),
    });
    this.reroute = new FastReroute(
      this.source, (peer) => [...this.linkState.multipath()].filter(([, hs]) => hs.some((h) => h.hop === peer)).map(([d]) => d),
      (dest) => this.linkState.multipath().get(dest)?.map((h) => h.hop) ?? [],
    );
    this.membership = newMembership(this.selfId, config, dp, log, this.metrics, {
      members: () => this.control.mcg.state.members.keys(), onDeadChanged: (dead) => this.linkState.setDead(dead),
      onStatus: (nodeId, status) => this.events.emit({ kind: status === 'alive' ? 'MEMBER_ALIVE' : status === 'dead' ? 'MEMBER_DEAD' : 'MEMBER_SUSPECT', nodeId }),
    });
    this.life = new MeshLifecycle({
      c, selfId: this.selfId, address: addressOf, handshaker: this.handshaker, control: this.control, dialer: this.dialer, lanes: this.lanes,
      membership: this.membership, linkState: this.linkState, links: this.links, membershipBackup: this.membershipBackup, refreshTrust: () => this.refreshTrust(),
    });
    const dispatch = new NodeDispatch({
      log: c.log, metrics: this.metrics, heartbeatMs: config.dataPlane.heartbeatMs, active: () => this.life.active,
      handshaker: this.handshaker, links: this.links, lanes: this.lanes, reroute: this.reroute, linkState: this.linkState, source: this.source,
      target: this.target, control: this.control, membership: this.membership, nodeIdOf: (tag) => this.nodeIdOf(tag),
    });
    dp.onEvent = (ev) => dispatch.event(ev);
  }

  /** Opens the mesh listener, loads streams and, when the store holds an active membership, starts the mesh. Resolves to the mesh port. */
  async init(): Promise<number> {
    this.c.dp.execute({ type: 'set-local', nodeTag: tagOf(this.selfId) });
    this.c.dp.execute({ type: 'set-identity', identity: this.c.identity.tls() });
    const port = await this.c.dp.listen(this.c.config.mesh.host, this.c.config.mesh.port);
    // A mesh port the OS chose (0) is advertised as the port bound, not 0.
    if (!this.c.config.mesh.advertise && this.c.config.mesh.port === 0) this.address = `${this.c.config.mesh.host}:${port}`;
    this.life.load();
    this.source.start();
    this.target.start();
    this.stopEventWatch = this.events.watch(() => {
      const st = this.control.status();
      const lags = this.events.size ? streamLag(this.source, this.target).map((l) => ({ ...l, limit: l.role === 'source' ? this.c.config.streams.outboxHighWater / 2 : this.c.config.streams.inboxHighWater / 2 })) : [];
      return { leader: st?.leader ?? '', term: st?.term ?? 0, health: this.control.health().state, lags };
    }, EVENT_POLL_MS);
    for (const d of this.c.store.listDamaged()) {
      this.metrics.damagedRecords.inc({ store: d.store });
      this.c.log.error({ store: d.store, key: d.key, err: d.message }, 'stored record damaged; what it belongs to is stopped (ERR_STORAGE) until meshd repair');
    }
    if (this.life.mesh) await this.control.mcg.start();
    this.refreshTrust();
    if (this.life.mesh?.active) this.life.activate();
    return port;
  }

  /** SeedMesh; see lifecycle.ts. */
  seed(name: string, policy: JoinPolicy | 'JOIN_POLICY_UNSPECIFIED', joinKey: string): Promise<MeshRecord & { fingerprint: string }> {
    return this.life.seed(name, policy, joinKey);
  }

  /** JoinMesh; see lifecycle.ts. */
  join(address: string, joinKey: string, fingerprint: string): Promise<{ mesh: MeshRecord; members: Member[] }> {
    return this.life.join(address, joinKey, fingerprint);
  }

  /** StartMesh; see {@link MeshLifecycle.start}. */
  startMesh(): Promise<{ meshId: string; dialing: string[] }> {
    return this.life.start();
  }

  /** StopMesh; see {@link MeshLifecycle.stop}. */
  stopMesh(): Promise<void> {
    return this.life.stop();
  }

  /** LeaveMesh; see {@link MeshLifecycle.leave}. */
  leaveMesh(): Promise<void> {
    return this.life.leave();
  }

  /** Opens a client-data stream; see {@link SourceStreams.open}. */
  async openStream(tenantId: string, targets: string[], qos: string, priority: number): Promise<string> {
    this.life.requireMember();
    const s = await this.source.open(tenantId, targets, qos, priority);
    this.events.emit({ kind: 'STREAM_OPENED', nodeId: this.selfId, streamId: s.streamId, targets: s.targets });
    return s.streamId;
  }

  /** CloseClientDataStream; see {@link SourceStreams.close}. */
  closeStream(streamId: string, timeoutMs: number): Promise<{ lastSeq: number }> {
    return this.source.close(streamId, timeoutMs);
  }

  /** The tenant of a stream this node is the source of (for authorization), if it is one. */
  streamTenant(streamId: string): string | undefined {
    return this.source.tenantOf(streamId);
  }

  /** Publishes; see {@link SourceStreams.publish}. */
  async publish(streamId: string, payloads: Uint8Array[], ackLevel: AckLevel, signal?: AbortSignal, publisher?: string, producer?: ProducerRequest): Promise<PublishResult> {
    const t0 = performance.now();
    const tenant = this.source.tenantOf(streamId);
    const publish = () => tracedPublish(this.tracer, streamId, payloads.length, ackLevel, (trace) => this.source.publish(streamId, payloads, ackLevel, signal, publisher, producer, trace));
    const r = tenant === undefined ? await publish() : await this.admission.run(tenant, payloads.length, publish);
    if (r.duplicate) this.metrics.duplicates.inc({ where: 'source' }, r.messageIds.length);
    else {
      this.metrics.published.inc(r.messageIds.length);
      this.metrics.streamMessages.inc({ stream: streamId, role: 'published' }, r.messageIds.length);
    }
    this.metrics.publishSeconds.observe({ ack: ackLevel }, (performance.now() - t0) / 1000);
    return r;
  }

  /** Subscribes; see {@link TargetStreams.subscribe}. */
  subscribe(streamId: string, tenantId: string, credits: number, sink: SubscriberSink): Subscription {
    return this.target.subscribe(streamId, tenantId, credits, sink);
  }

  /** A snapshot for GetMeshStatus and the status page. */
  async status(): Promise<MeshStatusView> {
    return buildStatus({
      selfId: this.selfId, selfName: this.c.config.node.name, address: this.address, mesh: this.life.mesh, active: this.life.active,
      policy: this.control.mcg.state.mesh?.policy, fingerprint: this.life.mesh ? this.c.identity.meshFingerprint ?? '' : '',
      lsdb: this.linkState.lsdb, routes: this.linkState.table(), lastSeen: (id) => this.linkState.lastSeen(id),
      links: await this.c.dp.links(), sources: this.source.list(), targets: this.target.list(),
      consensus: this.control.status(), health: this.control.health(),
    });
  }

  /**
   * Applies the control group's mesh-wide settings over the running configuration
   * (mesh-settings.ts), then pushes the data plane's live settings (batch size, lane limits) to
   * it; `reloaded` after the configuration file was read again (SIGHUP).
   */
  applyMeshSettings(reloaded = false): void {
    this.meshSettings.apply(this.control.mcg.state.settings, reloaded);
    const { dataPlane, lanes } = this.c.config;
    const { controlWindowBytes, dataWindowBytes, highWaterBytes, lowWaterBytes } = lanes;
    this.c.dp.execute({ type: 'set-limits', batchBytes: dataPlane.batchBytes, lanes: { controlWindowBytes, dataWindowBytes, highWaterBytes, lowWaterBytes } });
  }

  /** Readiness for /readyz and grpc.health.v1 (readiness.ts): a member, not CRITICAL, with a leader. */
  readiness(): Readiness {
    return readinessOf({ active: this.life.active, health: this.control.health().state, leader: this.control.status()?.leader ?? null });
  }

  /** Stops everything: links, timers, subscriptions, the data plane and the store. */
  async close(): Promise<void> {
    this.stopEventWatch?.();
    this.life.deactivate('node shutting down', false);
    this.control.mcg.stop();
    this.source.stop();
    this.target.stop();
    await this.c.dp.stop();
    await this.sealPool.close();
    await this.tracer?.shutdown().catch(() => undefined);
    await this.c.store.close();
  }

  /** Pushes member keys to the data plane; held LSAs are checked again when they changed. */
  private refreshTrust(): void {
    if (this.c.identity.pendingRotation) void this.keyRotation.settle().catch((err: unknown) => this.c.log.error({ err: (err as Error).message }, 'key rotation could not be settled'));
    if (this.trust.refresh()) this.linkState.keysChanged();
    this.tenantCrypto.reconcile();
    this.tenantCrypto.changed();
    this.membership.refreshMembers();
    this.life.backupMembership();
  }

  /** True while the stream store holds `storage.maxBytes` of live data (0: never). */
  private storageFull(): boolean {
    const max = this.c.config.storage.maxBytes;
    return max > 0 && this.c.store.usedBytes() >= max;
  }

  private members(): Member[] {
    return this.linkState.lsdb.all().filter((l) => !l.gone).map((l) => ({ nodeId: l.origin, name: l.name, address: l.address }));
  }

  private idInUse(nodeId: string): boolean {
    return nodeId === this.selfId || this.links.neighbors.has(nodeId) || this.linkState.table().has(nodeId);
  }

  private routesChanged(routes: Map<string, Route>): void {
    for (const id of routes.keys()) if (!this.knownIds.has(id)) {
      this.knownIds.add(id);
      this.tagIds.set(tagOf(id), id);
    }
    this.reroute.routesChanged(routes, (dest, hop) => this.linkState.carries(dest, hop) || (this.linkState.multipath().get(dest)?.some((h) => h.hop === hop) ?? false));
    this.source.routesChanged();
    this.target.routesChanged(routes);
    this.events.emit({ kind: 'ROUTES_CHANGED', routes: routes.size });
  }

  private nodeIdOf(tag: bigint): string | undefined {
    const id = this.tagIds.get(tag);
    if (id !== undefined) return id;
    const origin = this.linkState.lsdb.all().find((l) => tagOf(l.origin) === tag)?.origin;
    if (origin !== undefined) this.tagIds.set(tag, origin);
    return origin;
  }
}
