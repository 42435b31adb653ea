/**
 * What this node trusts, in one place (ARCHITECTURE.md "Trust"): the members and their keys as
 * the Mesh Control Group records them, or, until this node has applied its own join entry, as
 * the welcome of its join pinned them. From these it tells the data plane which TLS keys may
 * open member links (`set-trust`) and which pair keys tag routed frames (`set-frame-keys`), and it
 * signs this node's LSAs and checks everyone else's.
 *
 * A member that left (not one that was evicted) keeps its link and pair keys here for
 * {@link LEFT_GRACE_MS} after its leave is applied: the Raft leader must still reach it with the
 * configuration change that removes it, or it would go on believing it is a voter (dissertation
 * sec. 4.2.2). An evicted node's key is refused at once.
 */
import type { McgState } from '../consensus/mcg/index.js';
import type { DataPlanePort } from '../../workers/dataplane/index.js';
import { FrameKeys, type MemberKeys, type NodeIdentity } from '../security/index.js';
import type { MeshRecord } from '../storage/index.js';

/** What the trust component reads. */
export interface NodeTrustDeps {
  selfId: string;
  identity: NodeIdentity;
  dp: DataPlanePort;
  /** The control group's applied state. */
  state(): McgState;
  /** The node's mesh record (its join pins), if it is a member. */
  mesh(): MeshRecord | undefined;
}

/** How long a member that left keeps its link and pair keys at the other nodes (ms). */
export const LEFT_GRACE_MS = 30_000;

/** Outcome of checking an LSA's signature. */
export type SignatureCheck = 'ok' | 'bad' | 'unknown-origin';

/** Member keys, the data plane's trust and pair-key tables, LSA signatures. */
export class NodeTrust {
  private readonly frameKeys: FrameKeys;
  private trustSig = '';
  private keysSig = '';
  /** Members that left recently: their keys, until when they are kept (ms since epoch). */
  private departed = new Map<string, { keys: MemberKeys; until: number }>();
  private known = new Map<string, MemberKeys>();
  private graceTimer: NodeJS.Timeout | null = null;

  constructor(private readonly d: NodeTrustDeps) {
    this.frameKeys = new FrameKeys(d.identity, d.selfId);
  }

  /**
   * The keys of member `nodeId`: the control group's record, or a join pin until this node has
   * applied its own join entry. Evicted nodes and members that left have none.
   */
  member(nodeId: string): MemberKeys | undefined {
    const st = this.d.state();
    const m = st.members.get(nodeId);
    if (m) return m;
    if (st.members.has(this.d.selfId) || st.evicted.has(nodeId)) return undefined;
    return this.d.mesh()?.pins?.find((p) => p.nodeId === nodeId);
  }

  /** Every member's keys (see {@link member}). */
  members(): MemberKeys[] {
    const st = this.d.state();
    const out: MemberKeys[] = [...st.members.values()];
    if (!st.members.has(this.d.selfId)) {
      for (const p of this.d.mesh()?.pins ?? []) if (!st.members.has(p.nodeId) && !st.evicted.has(p.nodeId)) out.push(p);
    }
    return out;
  }

  /**
   * Pushes the TLS trust set and the pair-key table to the data plane when they changed.
   * @returns true when the member keys changed (held LSAs may now be checked).
   */
  refresh(): boolean {
    const mesh = this.d.mesh();
    const members = mesh ? this.withDeparted(this.members()) : [];
    const fingerprints = [...new Set(members.map((m) => m.key))].sort();
    const trustSig = fingerprints.join(',');
    if (trustSig !== this.trustSig) {
      this.trustSig = trustSig;
      this.d.dp.execute({ type: 'set-trust', fingerprints });
    }
    const keysSig = mesh ? `${mesh.meshId}|${this.d.identity.kx}|${members.map((m) => `${m.nodeId}=${m.kx}/${m.spki}`).sort().join(',')}` : '';
    if (keysSig === this.keysSig) return false;
    this.keysSig = keysSig;
    this.d.dp.execute({ type: 'set-frame-keys', keys: mesh ? this.frameKeys.table(mesh.meshId, members) : [] });
    return true;
  }

  /**
   * `members` plus those that left less than {@link LEFT_GRACE_MS} ago (never evicted ones), and
   * a refresh scheduled for when the next grace ends.
   */
  private withDeparted(members: MemberKeys[]): MemberKeys[] {
    const st = this.d.state();
    const now = Date.now();
    const current = new Map(members.map((m) => [m.nodeId, m]));
    for (const [id, keys] of this.known) {
      if (!current.has(id) && !st.evicted.has(id) && !this.departed.has(id) && id !== this.d.selfId) this.departed.set(id, { keys, until: now + LEFT_GRACE_MS });
    }
    this.known = current;
    const out = [...members];
    for (const [id, d] of this.departed) {
      if (current.has(id) || st.evicted.has(id) || d.until <= now) this.departed.delete(id);
      else out.push(d.keys);
    }
    if (this.departed.size && !this.graceTimer) {
      const next = Math.min(...[...this.departed.values()].map((d) => d.until));
      this.graceTimer = setTimeout(() => { this.graceTimer = null; this.refresh(); }, Math.max(0, next - now) + 10);
      this.graceTimer.unref();
    }
    return out;
  }

  /** This node's signature of an LSA body. */
  sign(body: Uint8Array): Uint8Array {
    return this.d.identity.sign(body);
  }

  /** Checks an LSA body's signature against the key recorded for `origin`. */
  verify(origin: string, body: Uint8Array, sig: Uint8Array): SignatureCheck {
    const spki = origin === this.d.selfId ? this.d.identity.spki : this.member(origin)?.spki;
    if (!spki) return 'unknown-origin';
    return this.frameKeys.verifySignature(spki, body, sig) ? 'ok' : 'bad';
  }
}
