/**
 * A node's membership lifecycle: the membership it holds (the stored {@link MeshRecord}) and
 * whether it takes part in the mesh now (active), through SeedMesh and JoinMesh (bootstrap.ts),
 * StartMesh, StopMesh and LeaveMesh, and eviction. Activating starts link-state routing, SWIM, the
 * lane manager and the dialer; deactivating stops them and closes every link. The node
 * (mesh-node.ts) owns one and reads {@link MeshLifecycle.mesh} and {@link MeshLifecycle.active}.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { JoinPolicy, Member } from '../../shared/wire/index.js';
import type { LinkState } from '../topology/index.js';
import type { MeshRecord } from '../storage/index.js';
import { joinMesh, seedMesh } from './bootstrap.js';
import type { NodeComponents } from './components.js';
import type { NodeControl } from './control.js';
import type { PeerDialer } from './dialer.js';
import type { Handshaker } from './handshake.js';
import type { LaneManager } from './lane-manager.js';
import type { NodeLinks } from './links.js';
import type { MembershipBackupWriter } from './membership-backup.js';
import type { NodeMembership } from './node-membership.js';

/** What the lifecycle drives. */
export interface LifecycleDeps {
  c: NodeComponents;
  selfId: string;
  /** The mesh address other nodes dial (it may change once the listener is bound). */
  address(): string;
  handshaker: Handshaker;
  control: NodeControl;
  dialer: PeerDialer;
  lanes: LaneManager;
  membership: NodeMembership;
  linkState: LinkState;
  links: NodeLinks;
  membershipBackup: MembershipBackupWriter;
  /** Pushes member keys to the data plane and the subsystems that hold them (mesh-node.ts). */
  refreshTrust(): void;
}

/** One node's membership and activity; see the module comment. */
export class MeshLifecycle {
  /** The membership held (undefined: none). */
  mesh: MeshRecord | undefined;
  /** True while the node takes part in the mesh (links, routing, SWIM). */
  active = false;
  private joining = false;

  constructor(private readonly d: LifecycleDeps) {}

  /** Loads the stored membership (at start-up, before the control group starts). */
  load(): void {
    this.mesh = this.d.c.store.getMesh();
  }

  /** SeedMesh; see bootstrap.ts {@link seedMesh}. */
  seed(name: string, policy: JoinPolicy | 'JOIN_POLICY_UNSPECIFIED', joinKey: string): Promise<MeshRecord & { fingerprint: string }> {
    return seedMesh(this.host(), name, policy, joinKey);
  }

  /**
   * JoinMesh; see bootstrap.ts {@link joinMesh}.
   * @throws MeshError ERR_FAILED_PRECONDITION while another join is in progress.
   */
  async join(address: string, joinKey: string, fingerprint: string): Promise<{ mesh: MeshRecord; members: Member[] }> {
    if (this.joining) throw new MeshError(ErrorCode.FailedPrecondition, 'a join is in progress');
    this.joining = true;
    try {
      return await joinMesh(this.host(), address, joinKey, fingerprint);
    } finally {
      this.joining = false;
    }
  }

  private host() {
    const { c, selfId, handshaker, control } = this.d;
    return {
      c, selfId, address: this.d.address(), mesh: this.mesh, handshaker, control,
      setMesh: (m: MeshRecord) => { this.mesh = m; }, activate: () => this.activate(), refreshTrust: () => this.d.refreshTrust(),
    };
  }

  /**
   * StartMesh: reconnects to known peers. Idempotent.
   * @throws MeshError ERR_FAILED_PRECONDITION when the node is not a member.
   */
  async start(): Promise<{ meshId: string; dialing: string[] }> {
    if (!this.mesh) throw new MeshError(ErrorCode.FailedPrecondition, 'not a member of a mesh: seed or join first');
    if (!this.active) {
      this.mesh = { ...this.mesh, active: true };
      await this.d.c.store.putMesh(this.mesh);
      this.backupMembership();
      this.activate();
    }
    return { meshId: this.mesh.meshId, dialing: this.d.dialer.addresses() };
  }

  /**
   * StopMesh: withdraws this node (LSA `gone`), says bye to neighbors, closes links. Data stays;
   * the node does not reconnect at start-up until StartMesh.
   * @throws MeshError ERR_FAILED_PRECONDITION when the node is not a member.
   */
  async stop(): Promise<void> {
    if (!this.mesh) throw new MeshError(ErrorCode.FailedPrecondition, 'not a member of a mesh');
    this.mesh = { ...this.mesh, active: false };
    await this.d.c.store.putMesh(this.mesh);
    this.backupMembership();
    this.deactivate('stop requested');
  }

  /**
   * LeaveMesh: takes this node out of the mesh through the control group, then stops its links and
   * forgets the membership (the node may seed or join again; client-data streams stay stored).
   * @throws MeshError ERR_FAILED_PRECONDITION (not a member, CRITICAL), ERR_UNAVAILABLE (no quorum in time).
   */
  async leave(): Promise<void> {
    this.requireMember();
    await this.d.control.leave();
    await this.forget('left the mesh');
  }

  /** Stops links and the control group and forgets the membership (after leaving or eviction). */
  async forget(reason: string): Promise<void> {
    const { c } = this.d;
    this.deactivate(reason);
    await this.d.control.mcg.wipe();
    await c.store.clearMesh();
    this.d.membershipBackup.remove();
    this.mesh = undefined;
    await c.identity.dropMeshCa();
    c.dp.execute({ type: 'set-identity', identity: c.identity.tls() });
    this.d.refreshTrust();
    c.log.warn({ reason }, 'no longer a member of the mesh');
  }

  /** @throws MeshError ERR_FAILED_PRECONDITION when the node is not a member of a mesh. */
  requireMember(): void {
    if (!this.mesh) throw new MeshError(ErrorCode.FailedPrecondition, 'not a member of a mesh: seed or join first');
  }

  /** @throws MeshError ERR_FAILED_PRECONDITION when the node is not a member, or is stopped (StopMesh). */
  requireActive(): void {
    this.requireMember();
    if (!this.active) throw new MeshError(ErrorCode.FailedPrecondition, 'the node is stopped (StopMesh): StartMesh first');
  }

  /** Takes part in the mesh: routing, SWIM, lanes, and dials the configured and stored peers. */
  activate(): void {
    this.active = true;
    this.d.linkState.start();
    this.d.membership.start();
    this.d.lanes.start();
    for (const p of this.d.c.config.peers) this.d.dialer.ensure(p);
    for (const p of this.d.c.store.listPeers()) if (p.dial) this.d.dialer.ensure(p.address);
  }

  /** Stops taking part: dialing, lanes, SWIM, routing (`withdraw`: announce this node gone) and every link. */
  deactivate(reason: string, withdraw = true): void {
    if (!this.active) return;
    this.active = false;
    this.d.dialer.stopAll();
    this.d.lanes.stop();
    this.d.membership.stop();
    this.d.linkState.stop(withdraw);
    this.d.links.closeAll(reason);
    this.d.linkState.reset();
  }

  /** Keeps `identity/membership.json` (what `meshd repair` rebuilds from) up to date. */
  backupMembership(): void {
    const st = this.d.control.mcg.state;
    if (!this.mesh || !st.members.has(this.d.selfId)) return;
    try {
      this.d.membershipBackup.write(this.mesh, [...st.members.values()]);
    } catch (err) {
      this.d.c.log.error({ err: (err as Error).message }, 'membership backup could not be written');
    }
  }
}
