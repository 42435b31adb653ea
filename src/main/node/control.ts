/**
 * The node's side of the Mesh Control Group: the API's consensus calls (updates, join policy,
 * leave, evict), admission of joining nodes through the group, reactions to applied commands
 * (policy changes, evictions), and the node's health.
 *
 * Health (ARCHITECTURE.md "Consensus"), over the members the group records (or the nodes the LSDB
 * knows before the group has any): HEALTHY when every one is reachable, DEGRADED when fewer than
 * half are unreachable, CRITICAL from half on. In CRITICAL every configuration change is refused
 * with ERR_FAILED_PRECONDITION (FAILED_PRECONDITION over gRPC): updates, the join policy, joins
 * through this node and LeaveMesh. EvictNode stays allowed, so an operator can take dead members
 * out and bring the mesh back to health.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { JoinPolicy } from '../../shared/wire/index.js';
import type { Logger } from '../observability/logger.js';
import { KEY_BYTES, SALT_BYTES, deriveKey, random } from '../security/index.js';
import type { MeshStore, RaftBackend } from '../storage/index.js';
import { Defragmenter, decodeRaftBody, encodeRaftFrames, type RaftBody } from '../consensus/index.js';
import {
  INTERNAL_RID_PREFIX, MAX_NAME_CHARS, MCG_GROUP, MeshControlGroup, type McgCommand, type McgQosPolicy, type McgOptions, type McgStatus, type UpdateKind, type UpdateSink, type UpdateSubscription,
} from '../consensus/mcg/index.js';
import { newUlid } from '../../shared/ids.js';
import { ConsensusChecks } from './consensus-check.js';

/** Longest time an evicted node's existing links stay up after its eviction is applied here (ms). */
export const EVICT_LINK_GRACE_MS = 10_000;

/** How long an open circuit refuses publishes when a policy does not say (ms). */
export const DEFAULT_BREAKER_OPEN_MS = 5000;

/** Health states of a node's view of the mesh. */
export type Health = 'HEALTHY' | 'DEGRADED' | 'CRITICAL';

/** The node's health and what it is computed from. */
export interface HealthView {
  state: Health;
  known: number;
  unreachable: string[];
}

/** What a consensus write returns: its log index; `duplicate` when a retry of an earlier one (whose index it is). */
export interface UpdateResult {
  index: number;
  duplicate: boolean;
}

/** What {@link NodeControl} needs from its node. */
export interface ControlDeps {
  selfId: string;
  store: MeshStore;
  backend: RaftBackend;
  log: Logger;
  options: McgOptions;
  /** Sends one consensus frame toward node `to` (routed over the mesh). */
  sendFrame(to: string, frame: Uint8Array): void;
  reachable(nodeId: string): boolean;
  /** Nodes the LSDB knows (used before the group records members). */
  knownNodes(): string[];
  /** This node was evicted: leave the mesh. */
  onEvicted(): void;
  /** Another node was evicted: drop its link. */
  dropPeer(nodeId: string): void;
  /** Members or their keys changed (the node refreshes the keys it accepts on links). */
  onMembershipChanged(): void;
  /** A member joined, left or was evicted (a command applied now, not replayed after a restart). */
  onMemberCommand?(kind: 'join' | 'leave' | 'evict', nodeId: string, reason?: string): void;
  /** The mesh-wide settings changed (a `settings` entry applied, or a snapshot restored). */
  onSettings?(): void;
}

/** Consensus-backed operations of one node. */
export class NodeControl {
  readonly mcg: MeshControlGroup;
  /** TriggerConsensusCheck (consensus-check.ts). */
  readonly checks: ConsensusChecks;
  private defrag = new Defragmenter();
  private nextFragment = 1;

  constructor(private readonly d: ControlDeps) {
    // Every line the control group and its Raft node log names the group (`raft_group`).
    this.mcg = new MeshControlGroup({
      selfId: d.selfId, backend: d.backend, log: d.log.child({ raft_group: MCG_GROUP }), options: d.options, send: (to, b) => this.send(to, b), onCommand: (c, i, replay) => this.onCommand(c, i, replay),
      onRestored: () => { d.onMembershipChanged(); d.onSettings?.(); },
    });
    this.checks = new ConsensusChecks({
      selfId: d.selfId, log: d.log, propose: (c) => this.mcg.propose(c), members: () => [...this.mcg.state.members.keys()], digest: (i) => this.mcg.checkDigest(i),
    });
  }

  /**
   * Handles a consensus frame's payload from node `from` (src tag `src`).
   * @throws MeshError ERR_BODY_MALFORMED or ERR_PAYLOAD_TOO_LARGE for a bad body (the caller counts and logs it).
   */
  receiveFrame(from: string, src: bigint, payload: Uint8Array): void {
    let b: RaftBody | null = decodeRaftBody(payload);
    if (b.k === 'frag') b = this.defrag.add(src, b, Date.now());
    if (b) this.mcg.receive(from, b);
  }

  private send(to: string, body: RaftBody): void {
    for (const f of encodeRaftFrames(this.d.selfId, to, body, this.nextFragment++)) this.d.sendFrame(to, f);
  }

  /**
   * Subscribes to one kind of update (SubscribeMeshUpdates and its kin); the API reaches the
   * control group only through these methods.
   * @throws MeshError ERR_FAILED_PRECONDITION (not a member), ERR_INVALID_ARGUMENT, ERR_COMPACTED.
   */
  subscribeUpdates(kind: UpdateKind, from: number, subscriberId: string, window: number, sink: UpdateSink): UpdateSubscription {
    return this.mcg.subscribe(kind, from, subscriberId, window, sink);
  }

  /** Drops an update subscription whose client went away. */
  unsubscribeUpdates(sub: UpdateSubscription): void {
    this.mcg.unsubscribe(sub);
  }

  /** The node's health; see the module comment. */
  health(): HealthView {
    const members = this.mcg.state.members.size ? [...this.mcg.state.members.keys()] : this.d.knownNodes();
    const all = new Set([...members, this.d.selfId]);
    const unreachable = [...all].filter((id) => id !== this.d.selfId && !this.d.reachable(id));
    const state: Health = unreachable.length === 0 ? 'HEALTHY' : unreachable.length * 2 < all.size ? 'DEGRADED' : 'CRITICAL';
    return { state, known: all.size, unreachable };
  }

  /** @throws MeshError ERR_FAILED_PRECONDITION when the node is CRITICAL. */
  requireChangesAllowed(what: string): void {
    const h = this.health();
    if (h.state === 'CRITICAL') {
      throw new MeshError(ErrorCode.FailedPrecondition, `${what} refused: health is CRITICAL (${h.unreachable.length} of ${h.known} nodes unreachable); only EvictNode is allowed`);
    }
  }

  /** The group's state for GetMeshStatus (null before the node is in a mesh). */
  status(): McgStatus | null {
    return this.mcg.status();
  }

  /**
   * SendMeshUpdate: a mesh-wide update (system update, mesh configuration), answered once committed
   * and applied here.
   * @throws MeshError ERR_INVALID_ARGUMENT, ERR_PAYLOAD_TOO_LARGE, ERR_FAILED_PRECONDITION (CRITICAL,
   * not a member), ERR_UNAVAILABLE (no quorum in time).
   */
  sendMeshUpdate(topic: string, payload: Uint8Array, requestId: string, bytes = payload.length): Promise<UpdateResult> {
    this.checkLabel('topic', topic);
    return this.write('SendMeshUpdate', { t: 'mesh-update', topic, payload, ...this.stamp(requestId) }, bytes);
  }

  /**
   * SendNodeUpdate: an update addressed to one member, delivered to that node's subscribers.
   * @throws MeshError ERR_NOT_FOUND (not a member), and as {@link sendMeshUpdate}.
   */
  sendNodeUpdate(nodeId: string, topic: string, payload: Uint8Array, requestId: string, bytes = payload.length): Promise<UpdateResult> {
    this.checkLabel('topic', topic);
    if (!this.mcg.state.members.has(nodeId)) throw new MeshError(ErrorCode.NotFound, `node ${nodeId} is not a member`);
    return this.write('SendNodeUpdate', { t: 'node-update', nodeId, topic, payload, ...this.stamp(requestId) }, bytes);
  }

  /**
   * SendInternalDBUpdate: a put or delete of one key of the replicated internal DB (CDC to every node).
   * @throws MeshError as {@link sendMeshUpdate}.
   */
  sendDbUpdate(table: string, key: string, op: 'put' | 'delete', value: Uint8Array, requestId: string, bytes = value.length): Promise<UpdateResult> {
    this.checkLabel('table', table);
    this.checkLabel('key', key);
    return this.write('SendInternalDBUpdate', { t: 'db-update', table, key, op, value: op === 'put' ? value : new Uint8Array(0), ...this.stamp(requestId) }, bytes);
  }

  /**
   * Changes the join policy and key through the group.
   * @throws MeshError ERR_INVALID_ARGUMENT (KEY_REQUIRED without a key), and as {@link sendMeshUpdate}.
   */
  async setJoinPolicy(policy: JoinPolicy, joinKey: string): Promise<number> {
    if (policy === 'KEY_REQUIRED' && !joinKey) throw new MeshError(ErrorCode.InvalidArgument, 'join policy KEY_REQUIRED needs a join_key');
    if (joinKey.length > 1024) throw new MeshError(ErrorCode.InvalidArgument, 'join_key longer than 1024 characters');
    this.requireChangesAllowed('SetJoinPolicy');
    const keySalt = random(SALT_BYTES);
    const keyHash = joinKey ? await deriveKey(joinKey, keySalt) : random(KEY_BYTES);
    return this.mcg.propose({ t: 'policy', policy, keySalt, keyHash });
  }

  /**
   * SetPolicy: records a QoS policy for `p.domain` (a tenant, or `*`) through the group;
   * node/admission.ts enforces it at every node. A weight of 0 means 100, an open time of 0 means
   * {@link DEFAULT_BREAKER_OPEN_MS}.
   * @throws MeshError ERR_INVALID_ARGUMENT (domain, a value out of range), ERR_FAILED_PRECONDITION
   *   (CRITICAL), ERR_UNAVAILABLE (no quorum in time).
   */
  async setPolicy(p: Omit<McgQosPolicy, 'index'>): Promise<number> {
    if (!p.domain || p.domain.length > 200) throw new MeshError(ErrorCode.InvalidArgument, 'domain must be a tenant id (1-200 characters) or *');
    const v = { ...p, priorityWeight: p.priorityWeight || 100, breakerOpenMs: p.breakerOpenMs || DEFAULT_BREAKER_OPEN_MS };
    if (v.priorityWeight > 100) throw new MeshError(ErrorCode.InvalidArgument, 'priority_weight must be 1-100 (percent of the stream send window)');
    if (v.breakerOpenMs < 100 || v.breakerOpenMs > 3_600_000) throw new MeshError(ErrorCode.InvalidArgument, 'breaker_open_ms must be 100-3600000');
    if (v.maxPending > 1e9 || v.maxInFlight > 1e6 || v.breakerFailures > 1e6) throw new MeshError(ErrorCode.InvalidArgument, 'max_pending at most 1e9, max_in_flight and breaker_failures at most 1e6');
    return (await this.write('SetPolicy', { t: 'qos-policy', ...v, ...this.stamp('') }, 0)).index;
  }

  /**
   * Mesh-wide live settings (node/mesh-settings.ts), already checked by the caller.
   * @throws MeshError as {@link sendMeshUpdate}.
   */
  setMeshSettings(values: Record<string, string | number | boolean | null>, requestId: string, bytes: number): Promise<UpdateResult> {
    return this.write('SendMeshUpdate', { t: 'settings', values, ...this.stamp(requestId) }, bytes);
  }

  /**
   * DeletePolicy: removes the QoS policy of `domain`.
   * @throws MeshError ERR_NOT_FOUND (no policy), and as {@link setPolicy}.
   */
  async deletePolicy(domain: string): Promise<number> {
    if (!this.mcg.state.policies.has(domain)) throw new MeshError(ErrorCode.NotFound, `no policy for domain ${domain}`);
    return (await this.write('DeletePolicy', { t: 'qos-policy-delete', domain, ...this.stamp('') }, 0)).index;
  }

  /**
   * Records this node's new keys (`node-key`); see {@link MeshNode.rotateKey}.
   * @throws MeshError ERR_FAILED_PRECONDITION (CRITICAL), ERR_UNAVAILABLE (no quorum in time).
   */
  async rotateKeys(keys: { key: string; spki: string; kx: string }): Promise<number> {
    this.requireChangesAllowed('RotateNodeKey');
    return this.mcg.propose({ t: 'node-key', nodeId: this.d.selfId, key: keys.key, spki: keys.spki, kx: keys.kx });
  }

  /**
   * Admits a node that passed the join handshake here: its join, with its keys (SPKI fingerprint,
   * signing key, X25519 key), is committed before it is welcomed.
   * @throws MeshError ERR_FAILED_PRECONDITION (CRITICAL), ERR_UNAVAILABLE (no quorum in time).
   */
  async admit(nodeId: string, name: string, address: string, keys: { key: string; spki: string; kx: string }): Promise<void> {
    this.requireChangesAllowed('JoinMesh');
    await this.mcg.propose({ t: 'join', nodeId, name, address, key: keys.key, spki: keys.spki, kx: keys.kx });
  }

  /**
   * EvictNode: removes a member; it cannot come back without a new JoinMesh. Allowed in CRITICAL.
   * @throws MeshError ERR_INVALID_ARGUMENT (this node: use LeaveMesh), ERR_NOT_FOUND (not a member),
   * ERR_UNAVAILABLE (no quorum in time).
   */
  async evict(nodeId: string, reason: string): Promise<number> {
    if (nodeId === this.d.selfId) throw new MeshError(ErrorCode.InvalidArgument, 'a node cannot evict itself: use LeaveMesh');
    if (reason.length > 500) throw new MeshError(ErrorCode.InvalidArgument, 'reason longer than 500 characters');
    if (!this.mcg.state.members.has(nodeId)) throw new MeshError(ErrorCode.NotFound, `node ${nodeId} is not a member`);
    return this.mcg.propose({ t: 'evict', nodeId, reason });
  }

  /**
   * LeaveMesh, the group's part: commits the leave, then waits until the leader has taken this
   * node out of the Raft configuration (so the remaining voters keep their quorum without it).
   * @throws MeshError ERR_FAILED_PRECONDITION (CRITICAL), ERR_UNAVAILABLE (no quorum in time).
   */
  async leave(): Promise<void> {
    this.requireChangesAllowed('LeaveMesh');
    if (this.mcg.state.members.size <= 1) return;
    await this.mcg.propose({ t: 'leave', nodeId: this.d.selfId });
    const deadline = Date.now() + 2 * this.d.options.proposeTimeoutMs;
    while (this.mcg.inConfiguration()) {
      if (Date.now() > deadline) throw new MeshError(ErrorCode.Unavailable, 'the leave committed but the leader has not removed this node from the group yet; retry LeaveMesh');
      await new Promise((r) => setTimeout(r, this.d.options.tickMs));
    }
  }

  /**
   * Proposes an update-like command (stamped with {@link stamp}) and waits until it is applied
   * here; a retried request id answers with the first write's index.
   * @throws MeshError ERR_PAYLOAD_TOO_LARGE, ERR_FAILED_PRECONDITION (CRITICAL), ERR_UNAVAILABLE.
   */
  async write(what: string, cmd: McgCommand, bytes: number): Promise<UpdateResult> {
    if (bytes > this.d.options.maxUpdateBytes) throw new MeshError(ErrorCode.PayloadTooLarge, `payload of ${bytes} bytes is over the ${this.d.options.maxUpdateBytes}-byte limit`);
    this.requireChangesAllowed(what);
    const index = await this.mcg.propose(cmd);
    const rid = 'rid' in cmd ? cmd.rid : undefined;
    const first = rid ? this.mcg.state.requests.get(rid) : undefined;
    if (first === undefined || first === index) return { index, duplicate: false };
    // A retry: the client's own (duplicate), or this node's forward sent twice (the same write).
    return { index: first, duplicate: !rid!.startsWith(INTERNAL_RID_PREFIX) };
  }

  /**
   * Origin, time and request id of an update. Without a client request id the update gets an
   * internal one (`INTERNAL_RID_PREFIX` + ULID), so a proposal forwarded twice is applied once.
   */
  stamp(requestId: string): { origin: string; at: number; rid: string } {
    if (requestId.length > 64) throw new MeshError(ErrorCode.InvalidArgument, 'request_id longer than 64 characters');
    if (requestId.startsWith(INTERNAL_RID_PREFIX)) throw new MeshError(ErrorCode.InvalidArgument, `request_id may not start with "${INTERNAL_RID_PREFIX}"`);
    return { origin: this.d.selfId, at: Date.now(), rid: requestId || `${INTERNAL_RID_PREFIX}${newUlid()}` };
  }

  private checkLabel(field: string, v: string): void {
    if (!v || v.length > MAX_NAME_CHARS) throw new MeshError(ErrorCode.InvalidArgument, `${field} must be 1-${MAX_NAME_CHARS} characters`);
  }

  /**
   * Drops the links to an evicted node once the leader has taken it out of the Raft configuration
   * (plus a few ticks): the append carrying that change also carries the commit of the eviction,
   * which is how the evicted node learns it must leave. New links from it are refused at once
   * (handshake); at most {@link EVICT_LINK_GRACE_MS} later its links are dropped regardless.
   */
  private dropWhenRemoved(nodeId: string): void {
    const started = Date.now();
    let quietTicks = 0;
    const timer = setInterval(() => {
      if (this.mcg.inConfiguration(nodeId)) quietTicks = 0;
      else quietTicks++;
      if (quietTicks >= 5 || Date.now() - started > EVICT_LINK_GRACE_MS) {
        clearInterval(timer);
        this.d.dropPeer(nodeId);
      }
    }, this.d.options.tickMs);
    timer.unref();
  }

  /** Reacts to an applied command on this node. */
  private onCommand(c: McgCommand, index: number, replay = false): void {
    if (c.t === 'check' || c.t === 'check-result') return this.checks.onCommand(c, index, replay);
    if (c.t === 'settings') return this.d.onSettings?.();
    if (c.t === 'seed' || c.t === 'join' || c.t === 'leave' || c.t === 'evict' || c.t === 'node-key' || c.t.startsWith('tenant-key')) this.d.onMembershipChanged();
    if ((c.t === 'join' || c.t === 'leave' || c.t === 'evict') && !replay) this.d.onMemberCommand?.(c.t, c.nodeId, c.t === 'evict' ? c.reason : undefined);
    if (c.t === 'evict') {
      if (!replay) this.d.log.warn({ nodeId: c.nodeId, reason: c.reason, index }, 'node evicted from the mesh');
      if (c.nodeId === this.d.selfId) this.d.onEvicted();
      else this.dropWhenRemoved(c.nodeId);
    } else if ((c.t === 'join' || c.t === 'leave') && !replay) {
      // Entries re-applied after a restart were logged when they first applied.
      this.d.log.info({ nodeId: c.nodeId, index }, c.t === 'join' ? 'member joined (control group)' : 'member left (control group)');
    }
  }
}
