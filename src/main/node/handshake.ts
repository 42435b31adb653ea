/**
 * Link handshake, both roles. Dialer: `hello` -> (challenge) -> `proof` -> (welcome | reject).
 * Listener: (hello) -> `challenge` -> (proof) -> `welcome` | `reject`. Purpose `join` admits a
 * new member under the mesh's join policy; purpose `link` connects two members, each proving
 * knowledge of the mesh secret (see `../security/join-key.ts`). Nothing is stored and no link is
 * bound before the proof checks out, so a refused join leaves no trace on either side.
 */
import { ErrorCode, MeshError, type ErrorCode as Code } from '../../shared/errors.js';
import { tagOf } from '../../shared/ids.js';
import { FrameType, HandshakeSchema, decodeBody, encodeBody, encodeFrame, type Frame, type Handshake, type Member } from '../../shared/wire/index.js';
import { CloseCode, type DataPlanePort, type LinkId } from '../../workers/dataplane/index.js';
import { NONCE_BYTES, deriveKey, proof, random, verifyProof } from '../security/index.js';
import type { MeshRecord } from '../storage/index.js';

/** A peer authenticated by a handshake. */
export interface PeerHello {
  nodeId: string;
  name: string;
  address: string;
}

/** What a successful dialer-side handshake yields. */
export interface HandshakeResult {
  peer: PeerHello;
  welcome: Extract<Handshake, { kind: 'welcome' }>;
}

type Purpose = 'join' | 'link';

interface DialerState {
  role: 'dialer';
  purpose: Purpose;
  nonce: Uint8Array;
  joinKey: string;
  peer?: PeerHello;
  resolve(r: HandshakeResult): void;
  reject(e: MeshError): void;
}

interface ListenerState {
  role: 'listener';
  nonce: Uint8Array;
  hello?: Extract<Handshake, { kind: 'hello' }>;
}

/** What the handshake needs from the node. */
export interface HandshakeDeps {
  selfId: string;
  selfName: string;
  address: string;
  dp: DataPlanePort;
  mesh(): MeshRecord | undefined;
  members(): Member[];
  /** True when `nodeId` may not join (it is this node or a reachable member). */
  idInUse(nodeId: string): boolean;
  /** True when `nodeId` was evicted: its links are refused until it joins again. */
  isEvicted(nodeId: string): boolean;
  /** Listener side, purpose join: commits the newcomer's membership; throws to refuse it. */
  admit(peer: PeerHello): Promise<void>;
  /** Listener side: a peer passed its proof. Returns false to refuse the link (duplicate). */
  onAccepted(linkId: LinkId, peer: PeerHello, purpose: Purpose): void;
  /** Counts and logs a refused or failed handshake. */
  onFailure(linkId: LinkId, code: Code, message: string): void;
}

/** Handshake timeout on the dialer side (ms). */
export const HANDSHAKE_DIAL_TIMEOUT_MS = 10_000;

/** Runs handshakes for every link of a node. */
export class Handshaker {
  private states = new Map<LinkId, DialerState | ListenerState>();
  private selfTag: bigint;

  constructor(private readonly d: HandshakeDeps) {
    this.selfTag = tagOf(d.selfId);
  }

  /**
   * Dialer side: sends `hello` on a freshly dialed link and resolves on `welcome`.
   * @throws MeshError ERR_PERMISSION_DENIED (wrong key, closed mesh, wrong mesh), the peer's
   *   reject code, or ERR_UNAVAILABLE when the link closes or times out first.
   */
  begin(linkId: LinkId, purpose: Purpose, joinKey = ''): Promise<HandshakeResult> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.abort(linkId, new MeshError(ErrorCode.Unavailable, 'handshake timed out')), HANDSHAKE_DIAL_TIMEOUT_MS);
      const st: DialerState = {
        role: 'dialer', purpose, nonce: random(NONCE_BYTES), joinKey,
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.states.set(linkId, st);
      const meshId = purpose === 'link' ? (this.d.mesh()?.meshId ?? '') : '';
      this.send(linkId, { kind: 'hello', purpose, meshId, nodeId: this.d.selfId, name: this.d.selfName, address: this.d.address, nonce: st.nonce });
    });
  }

  /** Listener side: a new inbound link waits for `hello`. */
  accept(linkId: LinkId): void {
    this.states.set(linkId, { role: 'listener', nonce: random(NONCE_BYTES) });
  }

  /** A link closed: a pending dialer handshake fails. */
  closed(linkId: LinkId): void {
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
    if (msg.kind === 'reject') {
      const code = (Object.values(ErrorCode) as string[]).includes(msg.code) ? (msg.code as Code) : ErrorCode.HandshakeFailed;
      return this.abort(linkId, new MeshError(code, msg.message));
    }
    if (msg.kind === 'challenge') {
      st.peer = { nodeId: msg.nodeId, name: msg.name, address: '' };
      let p: Uint8Array;
      if (st.purpose === 'join') {
        p = msg.keySalt ? proof(await deriveKey(st.joinKey, msg.keySalt), 'join', msg.nonce, this.d.selfId) : new Uint8Array(0);
      } else {
        const mesh = this.d.mesh();
        if (!mesh || msg.meshId !== mesh.meshId || !verifyProof(mesh.meshSecret, 'listener', st.nonce, msg.nodeId, msg.proof)) {
          throw new MeshError(ErrorCode.PermissionDenied, 'listener failed to prove mesh membership');
        }
        p = proof(mesh.meshSecret, 'link', msg.nonce, this.d.selfId);
      }
      this.send(linkId, { kind: 'proof', proof: p });
      return;
    }
    if (msg.kind === 'welcome' && st.peer) {
      this.states.delete(linkId);
      const self = msg.members.find((m) => m.nodeId === st.peer!.nodeId);
      st.resolve({ peer: { ...st.peer, address: self?.address ?? '' }, welcome: msg });
      return;
    }
    throw new MeshError(ErrorCode.HandshakeFailed, `unexpected ${msg.kind}`);
  }

  private async onListener(linkId: LinkId, st: ListenerState, msg: Handshake): Promise<void> {
    const mesh = this.d.mesh();
    if (msg.kind === 'hello' && !st.hello) {
      if (!mesh) throw new MeshError(ErrorCode.FailedPrecondition, 'this node is not a member of a mesh');
      if (msg.purpose === 'join') {
        if (mesh.policy === 'CLOSED') throw new MeshError(ErrorCode.PermissionDenied, 'the mesh is closed to joins');
        if (this.d.idInUse(msg.nodeId)) throw new MeshError(ErrorCode.AlreadyExists, `node id ${msg.nodeId} is in use`);
      } else if (msg.meshId !== mesh.meshId) {
        throw new MeshError(ErrorCode.PermissionDenied, 'wrong mesh id');
      } else if (this.d.isEvicted(msg.nodeId)) {
        throw new MeshError(ErrorCode.PermissionDenied, `node ${msg.nodeId} was evicted: it must JoinMesh again`);
      }
      st.hello = msg;
      const keySalt = msg.purpose === 'join' && mesh.policy === 'KEY_REQUIRED' ? mesh.keySalt : undefined;
      const p = msg.purpose === 'link' ? proof(mesh.meshSecret, 'listener', msg.nonce, this.d.selfId) : undefined;
      this.send(linkId, { kind: 'challenge', meshId: mesh.meshId, nodeId: this.d.selfId, name: this.d.selfName, nonce: st.nonce, keySalt, proof: p });
      return;
    }
    if (msg.kind === 'proof' && st.hello && mesh) {
      const h = st.hello;
      const ok = h.purpose === 'join'
        ? mesh.policy === 'OPEN' || verifyProof(mesh.keyHash, 'join', st.nonce, h.nodeId, msg.proof)
        : verifyProof(mesh.meshSecret, 'link', st.nonce, h.nodeId, msg.proof);
      if (!ok) throw new MeshError(ErrorCode.PermissionDenied, h.purpose === 'join' ? 'wrong join key' : 'wrong mesh secret');
      const join = h.purpose === 'join';
      if (join) await this.d.admit({ nodeId: h.nodeId, name: h.name, address: h.address });
      if (!this.states.has(linkId)) return; // the link closed while the join was committed
      this.states.delete(linkId);
      const me: Member = { nodeId: this.d.selfId, name: this.d.selfName, address: this.d.address };
      this.send(linkId, {
        kind: 'welcome', meshId: mesh.meshId, meshName: mesh.name, policy: mesh.policy,
        meshSecret: join ? mesh.meshSecret : undefined, keySalt: join ? mesh.keySalt : undefined, keyHash: join ? mesh.keyHash : undefined,
        members: [me, ...this.d.members().filter((m) => m.nodeId !== me.nodeId)],
      });
      this.d.onAccepted(linkId, { nodeId: h.nodeId, name: h.name, address: h.address }, h.purpose);
      return;
    }
    throw new MeshError(ErrorCode.HandshakeFailed, `unexpected ${msg.kind}`);
  }

  private refuse(linkId: LinkId, code: Code, message: string): void {
    const st = this.states.get(linkId);
    if (st?.role === 'listener') this.send(linkId, { kind: 'reject', code, message });
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
