/**
 * Link handshakes, both roles, over links that are already mutually authenticated TLS 1.3 (the
 * messages are in `src/shared/wire/control.ts`). The handshake binds each TLS key to a node id:
 * - `link` (endpoint `/mesh`, between members): the listener accepts the dialer only if the Mesh
 *   Control Group records the node id it claims with the key it presented in TLS, and the dialer
 *   checks the same of the listener before it binds. No shared secret is involved.
 * - `join` (endpoint `/join`): the joiner checks the listener's certificate against the mesh
 *   fingerprint it was given (kubeadm's `--discovery-token-ca-cert-hash`), then proves the join key
 *   with a proof bound to the TLS channel (RFC 9266). The listener commits the membership with the
 *   joiner's key before it sends the welcome (which carries the mesh CA); both ends then close the
 *   join link and the new member dials `/mesh` like any member. Attempts are limited per source
 *   address ({@link JoinLimiter}).
 * Nothing is stored and no link is bound before the checks pass, so a refused link or join leaves
 * no trace on either side.
 */
import { X509Certificate } from 'node:crypto';
import { ErrorCode, MeshError, type ErrorCode as Code } from '../../shared/errors.js';
import { tagOf } from '../../shared/ids.js';
import { certSpki, spkiDerFingerprint, spkiFingerprint } from '../../shared/crypto/fingerprint.js';
import { FrameType, HandshakeSchema, decodeBody, encodeBody, encodeFrame, type Frame, type Handshake, type Member } from '../../shared/wire/index.js';
import { CloseCode, type DataPlanePort, type LinkId, type LinkPath } from '../../workers/dataplane/index.js';
import {
  JoinLimiter, deriveKey, hasNodeSan, hostOf, isUsableKx, joinProof, verifyJoinProof, verifyMeshChain, type MemberKeys, type MeshCa,
} from '../security/index.js';
import type { McgMesh } from '../consensus/mcg/index.js';

/** A peer authenticated by a handshake. */
export interface PeerHello {
  nodeId: string;
  name: string;
  address: string;
  /** SPKI fingerprint of the key it presented in TLS. */
  key: string;
  /** Member links: the lane of the dialer's VirtualLink this link is (0 when absent). */
  lane?: number;
}

/** A joiner as admitted: its hello and the keys it is recorded with. */
export interface Admitted extends PeerHello {
  spki: string;
  kx: string;
}

/** What a successful dialer-side handshake yields. */
export interface HandshakeResult {
  peer: PeerHello;
  welcome: Extract<Handshake, { kind: 'welcome' }>;
  /** Join only: every member's keys from the welcome, checked (see {@link checkPins}). */
  pins: MemberKeys[];
}

type Purpose = 'join' | 'link';

/** What TLS told about a link (from the data plane's `link-open`). */
interface LinkTls {
  path: LinkPath;
  remote: string;
  key: string;
  /** The presented key's SubjectPublicKeyInfo (DER, base64). */
  spki: string;
  certs: Uint8Array[];
  binding: Uint8Array;
}

interface DialerState {
  role: 'dialer';
  purpose: Purpose;
  joinKey: string;
  peer?: PeerHello;
  resolve(r: HandshakeResult): void;
  reject(e: MeshError): void;
}

interface ListenerState {
  role: 'listener';
  hello?: Extract<Handshake, { kind: 'hello' }>;
  limited?: string;
}

/** What the handshake needs from the node. */
export interface HandshakeDeps {
  selfId: string;
  selfName: string;
  address: string;
  dp: DataPlanePort;
  /** This node's mesh id while it is an active member. */
  meshId(): string | undefined;
  /** The mesh record of the control group (policy, key hash), once this node has applied it. */
  mcgMesh(): McgMesh | null;
  /** The keys the control group records for a member (or a join pins), if it is one. */
  member(nodeId: string): MemberKeys | undefined;
  /** Every member's keys, for a join's welcome. */
  memberKeys(): MemberKeys[];
  members(): Member[];
  /** True when `nodeId` may not join (it is this node or a reachable member). */
  idInUse(nodeId: string): boolean;
  /** True when `nodeId` was evicted: its links are refused until it joins again. */
  isEvicted(nodeId: string): boolean;
  /** True when an operator unlinked `nodeId` here (DropLink): its links are refused until AddLink. */
  isDropped?(nodeId: string): boolean;
  /** Listener side, purpose join: commits the newcomer's membership and key; throws to refuse it. */
  admit(peer: Admitted): Promise<void>;
  /** This node's SPKI fingerprint (bound into its join proof). */
  ownKey(): string;
  /** This node's X25519 public key (sent in a join's hello). */
  ownKx(): string;
  /** The mesh CA, handed to a node whose join was committed (its key is '' with an operator CA). */
  meshCa(): MeshCa | null;
  /**
   * With an operator CA, its fingerprint: a joiner must present a certificate issued by it for the
   * node id it claims. Null with meshd's own CA.
   */
  operatorCa(): string | null;
  /** Most lanes this node accepts per peer (config `lanes.max`): a hello for a higher lane is refused with ERR_RATE_LIMITED. */
  maxLanes(): number;
  /** Listener side: a member's link passed its checks. */
  onAccepted(linkId: LinkId, peer: PeerHello): void;
  /** Counts and logs a refused or failed handshake. */
  onFailure(linkId: LinkId, code: Code, message: string): void;
}

/** Handshake timeout on the dialer side (ms). */
export const HANDSHAKE_DIAL_TIMEOUT_MS = 10_000;
/** Members listed in a join's welcome at most (the rest are learned from link-state). */
export const MAX_WELCOME_MEMBERS = 200;

/** Runs handshakes for every link of a node. */
export class Handshaker {
  /** Join attempts per source address. */
  readonly limiter = new JoinLimiter();
  private states = new Map<LinkId, DialerState | ListenerState>();
  private tls = new Map<LinkId, LinkTls>();
  private selfTag: bigint;

  constructor(private readonly d: HandshakeDeps) {
    this.selfTag = tagOf(d.selfId);
  }

  /**
   * A link opened (either direction): remembers what TLS told about it; an inbound link waits for
   * `hello`. A link whose peer certificate cannot be read is closed.
   */
  opened(linkId: LinkId, outbound: boolean, remote: string, path: LinkPath, certs: Uint8Array[], binding: Uint8Array): void {
    let key = '';
    let spki = '';
    try {
      key = certs[0] ? spkiFingerprint(certs[0]) : '';
      spki = certs[0] ? certSpki(certs[0]) : '';
    } catch {
      key = '';
    }
    this.tls.set(linkId, { path, remote, key, spki, certs, binding });
    if (!outbound) {
      this.states.set(linkId, { role: 'listener' });
      if (!key) this.refuse(linkId, ErrorCode.Unauthenticated, 'no usable client certificate');
    }
  }

  /**
   * Dialer side: runs the handshake on a freshly dialed link. For a join, `meshFingerprint` is
   * checked against the listener's certificate chain before anything is sent. `lane`: which lane
   * of this node's VirtualLink to the listener a member link is.
   * @throws MeshError ERR_PERMISSION_DENIED (wrong key or fingerprint, closed mesh, not a member),
   *   the peer's reject code, or ERR_UNAVAILABLE when the link closes or times out first.
   */
  begin(linkId: LinkId, purpose: Purpose, joinKey = '', meshFingerprint = '', lane = 0): Promise<HandshakeResult> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.abort(linkId, new MeshError(ErrorCode.Unavailable, 'handshake timed out')), HANDSHAKE_DIAL_TIMEOUT_MS);
      const st: DialerState = {
        role: 'dialer', purpose, joinKey,
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.states.set(linkId, st);
      const t = this.tls.get(linkId);
      try {
        if (!t) throw new MeshError(ErrorCode.Unavailable, 'link closed before its handshake');
        if (purpose === 'join') verifyMeshChain(t.certs, meshFingerprint);
      } catch (err) {
        this.abort(linkId, err instanceof MeshError ? err : new MeshError(ErrorCode.PermissionDenied, String(err)));
        return;
      }
      const meshId = purpose === 'link' ? (this.d.meshId() ?? '') : '';
      const kx = purpose === 'join' ? this.d.ownKx() : undefined;
      this.send(linkId, { kind: 'hello', purpose, meshId, nodeId: this.d.selfId, name: this.d.selfName, address: this.d.address, kx, lane: purpose === 'link' && lane > 0 ? lane : undefined });
    });
  }

  /** A link closed: a pending dialer handshake fails; a join attempt in progress counts as failed. */
  closed(linkId: LinkId): void {
    const st = this.states.get(linkId);
    if (st?.role === 'listener' && st.limited) this.limiter.end(st.limited, false);
    this.tls.delete(linkId);
    this.abort(linkId, new MeshError(ErrorCode.Unavailable, 'link closed during handshake'));
  }

  /** Handles one handshake frame. Malformed bodies refuse the link. */
  async receive(linkId: LinkId, f: Frame): Promise<void> {
    const st = this.states.get(linkId);
    if (!st) return; // link already bound or gone: stray handshake frames are ignored
    let msg: Handshake;
    try {
      msg = decodeBody(HandshakeSchema, f.payload);
    } catch (err) {
      return this.refuse(linkId, (err as MeshError).code, (err as MeshError).message);
    }
    try {
      if (st.role === 'dialer') await this.onDialer(linkId, st, msg);
      else await this.onListener(linkId, st, msg);
    } catch (err) {
      const e = err instanceof MeshError ? err : new MeshError(ErrorCode.HandshakeFailed, String(err));
      this.refuse(linkId, e.code, e.message);
    }
  }

  private async onDialer(linkId: LinkId, st: DialerState, msg: Handshake): Promise<void> {
    const t = this.tls.get(linkId);
    if (!t) return;
    if (msg.kind === 'reject') {
      const code = (Object.values(ErrorCode) as string[]).includes(msg.code) ? (msg.code as Code) : ErrorCode.HandshakeFailed;
      return this.abort(linkId, new MeshError(code, msg.message));
    }
    if (msg.kind === 'challenge' && st.purpose === 'join' && !st.peer) {
      st.peer = { nodeId: msg.nodeId, name: msg.name, address: '', key: t.key };
      const own = this.d.ownKey();
      const p = msg.keySalt ? joinProof(await deriveKey(st.joinKey, msg.keySalt), t.binding, this.d.selfId, own) : new Uint8Array(0);
      this.send(linkId, { kind: 'proof', proof: p });
      return;
    }
    if (msg.kind === 'welcome') {
      let pins: MemberKeys[] = [];
      if (st.purpose === 'link') {
        const recorded = this.d.member(msg.nodeId)?.key;
        if (!recorded || recorded !== t.key || msg.meshId !== this.d.meshId()) {
          throw new MeshError(ErrorCode.PermissionDenied, `listener ${msg.nodeId} did not present the key the control group records for it`);
        }
        st.peer = { nodeId: msg.nodeId, name: msg.name, address: '', key: t.key };
      } else if (!st.peer || !msg.ca) {
        throw new MeshError(ErrorCode.HandshakeFailed, 'join welcome without a challenge or the mesh CA');
      } else {
        pins = checkPins(msg.keys ?? [], st.peer.nodeId, t.key);
      }
      this.states.delete(linkId);
      const self = msg.members.find((m) => m.nodeId === st.peer!.nodeId);
      st.resolve({ peer: { ...st.peer!, address: self?.address ?? '' }, welcome: msg, pins });
      return;
    }
    throw new MeshError(ErrorCode.HandshakeFailed, `unexpected ${msg.kind}`);
  }

  private async onListener(linkId: LinkId, st: ListenerState, msg: Handshake): Promise<void> {
    const t = this.tls.get(linkId);
    if (!t) return;
    if (msg.kind === 'hello' && !st.hello) {
      const meshId = this.d.meshId();
      if (!meshId) throw new MeshError(ErrorCode.FailedPrecondition, 'this node is not a member of a mesh');
      if (msg.purpose === 'link') return this.acceptLink(linkId, t, msg, meshId);
      if (t.path !== 'join') throw new MeshError(ErrorCode.PermissionDenied, 'joins use the /join endpoint');
      const ip = hostOf(t.remote);
      this.limiter.begin(ip);
      st.limited = ip;
      const mesh = this.d.mcgMesh();
      if (!mesh) throw new MeshError(ErrorCode.Unavailable, 'this node has not applied the mesh record yet: retry');
      if (mesh.policy === 'CLOSED') throw new MeshError(ErrorCode.PermissionDenied, 'the mesh is closed to joins');
      if (!msg.kx || !isUsableKx(msg.kx)) throw new MeshError(ErrorCode.InvalidArgument, 'a join hello must carry a usable X25519 key (kx)');
      if (this.d.idInUse(msg.nodeId) || this.d.member(msg.nodeId)) throw new MeshError(ErrorCode.AlreadyExists, `node id ${msg.nodeId} is in use`);
      st.hello = msg;
      const keySalt = mesh.policy === 'KEY_REQUIRED' ? mesh.keySalt : undefined;
      this.send(linkId, { kind: 'challenge', meshId, nodeId: this.d.selfId, name: this.d.selfName, keySalt });
      return;
    }
    if (msg.kind === 'proof' && st.hello) return this.acceptJoin(linkId, st, t, msg.proof);
    throw new MeshError(ErrorCode.HandshakeFailed, `unexpected ${msg.kind}`);
  }

  private acceptLink(linkId: LinkId, t: LinkTls, h: Extract<Handshake, { kind: 'hello' }>, meshId: string): void {
    if (t.path !== 'mesh') throw new MeshError(ErrorCode.PermissionDenied, 'member links use the /mesh endpoint');
    if (h.meshId !== meshId) throw new MeshError(ErrorCode.PermissionDenied, 'wrong mesh id');
    if (this.d.isEvicted(h.nodeId)) throw new MeshError(ErrorCode.PermissionDenied, `node ${h.nodeId} was evicted: it must JoinMesh again`);
    if (this.d.isDropped?.(h.nodeId)) throw new MeshError(ErrorCode.FailedPrecondition, `node ${h.nodeId} was unlinked here by an operator (DropLink): AddLink reconnects it`);
    const recorded = this.d.member(h.nodeId)?.key;
    if (!recorded || recorded !== t.key) {
      throw new MeshError(ErrorCode.PermissionDenied, `node ${h.nodeId} did not present the key the control group records for it`);
    }
    const lane = h.lane ?? 0;
    if (lane >= this.d.maxLanes()) throw new MeshError(ErrorCode.RateLimited, `lane ${lane} is over this node's cap of ${this.d.maxLanes()} lanes per peer`);
    this.states.delete(linkId);
    this.send(linkId, { kind: 'welcome', meshId, meshName: this.d.mcgMesh()?.name ?? '', nodeId: this.d.selfId, name: this.d.selfName, members: [] });
    this.d.onAccepted(linkId, { nodeId: h.nodeId, name: h.name, address: h.address, key: t.key, lane });
  }

  private async acceptJoin(linkId: LinkId, st: ListenerState, t: LinkTls, proof: Uint8Array): Promise<void> {
    const h = st.hello!;
    const mesh = this.d.mcgMesh();
    const ca = this.d.meshCa();
    const meshId = this.d.meshId();
    if (!mesh || !ca || !meshId) throw new MeshError(ErrorCode.Unavailable, 'this node cannot admit members now: retry');
    const ok = mesh.policy === 'OPEN' || (mesh.policy === 'KEY_REQUIRED' && verifyJoinProof(mesh.keyHash, t.binding, h.nodeId, t.key, proof));
    if (!ok) throw new MeshError(ErrorCode.PermissionDenied, mesh.policy === 'CLOSED' ? 'the mesh is closed to joins' : 'wrong join key');
    const operator = this.d.operatorCa();
    if (operator) {
      verifyMeshChain(t.certs, operator);
      if (!hasNodeSan(new X509Certificate(Buffer.from(t.certs[0])), h.nodeId)) {
        throw new MeshError(ErrorCode.PermissionDenied, `the mesh uses an operator CA: the joiner's certificate must name spiffe://<domain>/node/${h.nodeId}`);
      }
    }
    st.limited = undefined;
    this.limiter.end(hostOf(t.remote), true);
    await this.d.admit({ nodeId: h.nodeId, name: h.name, address: h.address, key: t.key, spki: t.spki, kx: h.kx! });
    if (!this.states.has(linkId)) return; // the link closed while the join was committed
    this.states.delete(linkId);
    const me: Member = { nodeId: this.d.selfId, name: this.d.selfName, address: this.d.address };
    const members = [me, ...this.d.members().filter((m) => m.nodeId !== me.nodeId)].slice(0, MAX_WELCOME_MEMBERS);
    const keys = this.d.memberKeys();
    this.send(linkId, { kind: 'welcome', meshId, meshName: mesh.name, nodeId: this.d.selfId, name: this.d.selfName, members, ca, keys });
    this.d.dp.execute({ type: 'close-link', linkId, code: CloseCode.Normal, reason: 'joined: dial /mesh' });
  }

  private refuse(linkId: LinkId, code: Code, message: string): void {
    const st = this.states.get(linkId);
    if (st?.role === 'listener') {
      this.send(linkId, { kind: 'reject', code, message });
      // Only a wrong key counts as a failed attempt; other refusals just end the attempt.
      if (st.limited && code === ErrorCode.PermissionDenied) this.limiter.end(st.limited, false);
      else if (st.limited) this.limiter.release(st.limited);
      st.limited = undefined;
    }
    this.d.onFailure(linkId, code, message);
    this.abort(linkId, new MeshError(code, message));
    this.d.dp.execute({ type: 'close-link', linkId, code: CloseCode.Rejected, reason: code });
  }

  private abort(linkId: LinkId, err: MeshError): void {
    const st = this.states.get(linkId);
    this.states.delete(linkId);
    if (st?.role === 'dialer') st.reject(err);
  }

  private send(linkId: LinkId, msg: Handshake): void {
    const frame = encodeFrame({ type: FrameType.Handshake, ttl: 1, src: this.selfTag, dst: 0n, payload: encodeBody(msg) });
    this.d.dp.execute({ type: 'send-link', linkId, frame });
  }
}

/**
 * Checks the member keys of a join's welcome: each entry's fingerprint is its signing key's, and
 * the welcoming member's entry is the key it presented in TLS (already checked against the mesh
 * fingerprint). Malformed entries are dropped; the welcoming member's must be there.
 * @throws MeshError ERR_PERMISSION_DENIED when the welcoming member's entry is missing or differs.
 */
export function checkPins(keys: MemberKeys[], listenerId: string, listenerKey: string): MemberKeys[] {
  const ok = keys.filter((k) => {
    try {
      return spkiDerFingerprint(k.spki) === k.key;
    } catch {
      return false;
    }
  });
  if (!ok.some((k) => k.nodeId === listenerId && k.key === listenerKey)) {
    throw new MeshError(ErrorCode.PermissionDenied, `the welcome does not list ${listenerId} with the key it presented`);
  }
  return ok;
}
