/**
 * Becoming a member: SeedMesh (a new mesh with this node as its first member and the control
 * group's first voter) and JoinMesh (through a member's `/join` endpoint: the member's
 * certificate is checked against the mesh fingerprint, the join key is proven inside the TLS
 * channel, and once the member committed this node's membership and keys, this node adopts the
 * mesh CA and links as a member). The node (mesh-node.ts) provides a {@link BootstrapHost}.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { randomUlid } from '../../shared/ids.js';
import { AddressSchema } from '../../shared/config/index.js';
import type { JoinPolicy, Member } from '../../shared/wire/index.js';
import { CloseCode } from '../../workers/dataplane/index.js';
import { KEY_BYTES, SALT_BYTES, deriveKey, isFingerprint, random } from '../security/index.js';
import type { MeshRecord } from '../storage/index.js';
import type { NodeComponents } from './components.js';
import type { Handshaker } from './handshake.js';
import type { NodeControl } from './control.js';

/** Largest mesh name (characters). */
export const MAX_MESH_NAME = 200;

/** What seeding and joining need from the node. */
export interface BootstrapHost {
  c: NodeComponents;
  selfId: string;
  /** The mesh address other nodes dial. */
  address: string;
  /** The membership held now (undefined: none). */
  mesh: MeshRecord | undefined;
  handshaker: Handshaker;
  control: NodeControl;
  setMesh(m: MeshRecord): void;
  activate(): void;
  refreshTrust(): void;
}

/**
 * SeedMesh: creates a mesh with this node as its first member.
 * @throws MeshError ERR_ALREADY_EXISTS (already a member), ERR_INVALID_ARGUMENT (name, policy, key).
 */
export async function seedMesh(h: BootstrapHost, name: string, policy: JoinPolicy | 'JOIN_POLICY_UNSPECIFIED', joinKey: string): Promise<MeshRecord & { fingerprint: string }> {
  const { c } = h;
  if (h.mesh) throw new MeshError(ErrorCode.AlreadyExists, `already a member of mesh ${h.mesh.meshId}`);
  if (!name || name.length > MAX_MESH_NAME) throw new MeshError(ErrorCode.InvalidArgument, `name must be 1-${MAX_MESH_NAME} characters`);
  if (joinKey.length > 1024) throw new MeshError(ErrorCode.InvalidArgument, 'join_key longer than 1024 characters');
  const pol: JoinPolicy = policy === 'JOIN_POLICY_UNSPECIFIED' ? (joinKey ? 'KEY_REQUIRED' : 'OPEN') : policy;
  if (pol === 'KEY_REQUIRED' && !joinKey) throw new MeshError(ErrorCode.InvalidArgument, 'join policy KEY_REQUIRED needs a join_key');
  const keySalt = random(SALT_BYTES);
  const keyHash = joinKey ? await deriveKey(joinKey, keySalt) : random(KEY_BYTES);
  const mesh: MeshRecord = { meshId: randomUlid(), name, selfId: h.selfId, createdAtMs: Date.now(), active: true };
  const ca = await c.identity.createMeshCa(mesh.meshId);
  c.dp.execute({ type: 'set-identity', identity: c.identity.tls() });
  await c.store.putMesh(mesh);
  h.setMesh(mesh);
  h.activate();
  await h.control.mcg.bootstrap({
    t: 'seed', meshId: mesh.meshId, name, policy: pol, keySalt, keyHash, nodeId: h.selfId, nodeName: c.config.node.name, address: h.address,
    key: c.identity.fingerprint, spki: c.identity.spki, kx: c.identity.kx, caCert: ca.cert,
  });
  const fingerprint = c.identity.meshFingerprint ?? '';
  c.log.info({ meshId: mesh.meshId, policy: pol, fingerprint }, 'mesh seeded');
  return { ...mesh, fingerprint };
}

/**
 * JoinMesh through the member whose mesh port is `address`; see the module comment.
 * @throws MeshError ERR_ALREADY_EXISTS, ERR_INVALID_ARGUMENT (address, fingerprint),
 *   ERR_PERMISSION_DENIED (wrong key or fingerprint, closed mesh), ERR_RATE_LIMITED (too many
 *   failed joins from this address), ERR_UNAVAILABLE (member unreachable).
 */
export async function joinMesh(h: BootstrapHost, address: string, joinKey: string, fingerprint: string): Promise<{ mesh: MeshRecord; members: Member[] }> {
  const { c } = h;
  if (h.mesh) throw new MeshError(ErrorCode.AlreadyExists, `already a member of mesh ${h.mesh.meshId}`);
  if (!AddressSchema.safeParse(address).success) throw new MeshError(ErrorCode.InvalidArgument, 'address must be host:port');
  if (!isFingerprint(fingerprint)) throw new MeshError(ErrorCode.InvalidArgument, 'fingerprint must be sha256:<64 hex digits> (SeedMesh returns it; GetMeshStatus shows it)');
  const linkId = await c.dp.dial(address, undefined, 'join');
  let r;
  try {
    r = await h.handshaker.begin(linkId, 'join', joinKey || c.config.joinKey || '', fingerprint);
  } finally {
    c.dp.execute({ type: 'close-link', linkId, code: CloseCode.Normal, reason: 'join done' });
  }
  const w = r.welcome;
  await c.identity.adoptMeshCa(w.ca!, w.meshId);
  c.dp.execute({ type: 'set-identity', identity: c.identity.tls() });
  const mesh: MeshRecord = { meshId: w.meshId, name: w.meshName, pins: r.pins, selfId: h.selfId, createdAtMs: Date.now(), active: true };
  await c.store.putMesh(mesh);
  await c.store.putPeer({ nodeId: r.peer.nodeId, name: r.peer.name, address, dial: true, lastSeenMs: Date.now() });
  h.setMesh(mesh);
  h.refreshTrust();
  await h.control.mcg.start();
  h.activate();
  await awaitOwnJoin(h);
  c.log.info({ meshId: mesh.meshId, via: r.peer.nodeId }, 'joined mesh');
  return { mesh, members: w.members };
}

/**
 * Waits until this node has applied its own join entry, so it holds the mesh record and every
 * earlier member's key and can admit joins and accept links itself. Gives up (with a warning;
 * the membership is committed and catching up goes on) after twice the propose timeout.
 */
async function awaitOwnJoin(h: BootstrapHost): Promise<void> {
  const deadline = Date.now() + 2 * h.c.config.consensus.proposeTimeoutMs;
  while (!h.control.mcg.state.members.has(h.selfId)) {
    if (Date.now() > deadline) {
      h.c.log.warn('joined, but the control group has not caught up here yet');
      return;
    }
    await new Promise((r) => setTimeout(r, h.c.config.consensus.tickMs));
  }
}
