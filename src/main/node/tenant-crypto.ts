/**
 * Tenant encryption at this node (docs/SECURITY.md "Tenant data"): one key per tenant with
 * numbered epochs, created by the first node that needs it and recorded in the Mesh Control Group
 * only wrapped for each member (`src/main/security/sealing.ts`). A payload is sealed at its source
 * before it reaches the outbox and opened only where its subscriber is served, so transit nodes,
 * outboxes, inboxes and logs hold ciphertext. Rotation adds an epoch; sources seal under the
 * newest, and every earlier epoch stays readable (its wraps stay in the group).
 *
 * Members admitted after an epoch was created get their wrap from the member with the smallest
 * node id that holds the key (`tenant-key-wrap`), so any target can open what it receives.
 */
import { randomBytes } from 'node:crypto';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { McgTenantEpoch } from '../consensus/mcg/index.js';
import type { Logger } from '../observability/logger.js';
import {
  DATA_KEY_BYTES, PayloadCipher, payloadAad, sealedEpoch, unwrapKey, wrapKey, type NodeIdentity,
} from '../security/index.js';
import type { StoredMessage } from '../storage/index.js';
import type { PayloadSealer } from '../streams/index.js';
import type { NodeControl } from './control.js';
import type { NodeTrust } from './trust.js';

/** What tenant encryption needs from the node. */
export interface TenantCryptoDeps {
  selfId: string;
  identity: NodeIdentity;
  trust: NodeTrust;
  control: NodeControl;
  log: Logger;
  /** The mesh id while this node is a member. */
  meshId(): string | undefined;
}

/** A tenant's key epochs as `tenant-key status` shows them. */
export interface TenantKeyStatus {
  tenant: string;
  current: number;
  epochs: Array<{ epoch: number; by: string; createdAtMs: number; wrappedFor: string[] }>;
}

const label = (tenant: string, epoch: number) => `tenant ${tenant}#${epoch}`;

/**
 * The key that seals system and internal-DB updates in the control group's log: a tenant key
 * under a name no tenant can have (tenant ids are letters, digits, `.`, `_`, `-`), so it has
 * epochs, wraps and rotation (`meshctl tenant-key rotate '~mesh'`) like any tenant's.
 */
export const MESH_KEY_TENANT = '~mesh';

/** Seals and opens tenant payloads, creates, rotates and distributes tenant keys. */
export class TenantCrypto implements PayloadSealer {
  private keys = new Map<string, Buffer>();
  private creating = new Map<string, Promise<void>>();

  constructor(private readonly d: TenantCryptoDeps) {}

  /** True when this node holds the current key of `tenant`. */
  ready(tenant: string): boolean {
    const cur = this.epochs(tenant).at(-1);
    return !!cur && this.keyOf(tenant, cur.epoch, false) !== undefined;
  }

  /**
   * Makes the tenant's current key available here, creating epoch 1 when the tenant has none.
   * @throws MeshError ERR_UNAVAILABLE when the key exists but is not wrapped for this node yet,
   *   or the control group does not answer; ERR_FAILED_PRECONDITION when not a member.
   */
  async prepare(tenant: string): Promise<void> {
    if (this.ready(tenant)) return;
    if (!this.epochs(tenant).length) {
      let p = this.creating.get(tenant);
      if (!p) {
        p = this.propose(tenant, 1).finally(() => this.creating.delete(tenant));
        this.creating.set(tenant, p);
      }
      await p;
    }
    if (!this.ready(tenant)) throw new MeshError(ErrorCode.Unavailable, `the key of tenant ${tenant} is not wrapped for ${this.d.selfId} yet: retry`);
  }

  /** Seals payloads of `streamId` under the tenant's current epoch ({@link prepare} first). */
  seal(tenant: string, streamId: string, payloads: Uint8Array[]): Uint8Array[] {
    const cur = this.epochs(tenant).at(-1);
    const key = cur && this.keyOf(tenant, cur.epoch, true);
    if (!cur || !key) throw new MeshError(ErrorCode.Unavailable, `no key of tenant ${tenant} here`);
    const sealer = new PayloadCipher(payloadAad(tenant, streamId));
    return payloads.map((p) => sealer.seal(key, cur.epoch, p));
  }

  /**
   * Opens the payloads of a batch for a subscriber of `tenant`.
   * @throws MeshError ERR_UNAVAILABLE when the epoch's key is not here yet (nothing is lost: the
   *   subscriber retries), ERR_DECRYPT when a payload does not open.
   */
  open(tenant: string, streamId: string, messages: StoredMessage[]): StoredMessage[] {
    const cipher = new PayloadCipher(payloadAad(tenant, streamId));
    let epoch = -1;
    let key: Buffer = Buffer.alloc(0);
    return messages.map((m) => {
      const e = sealedEpoch(m.payload);
      if (e !== epoch) {
        epoch = e;
        key = this.requireKey(tenant, e);
      }
      return { ...m, payload: cipher.open(key, m.payload) };
    });
  }

  /**
   * `tenant-key rotate`: adds the next epoch; new payloads are sealed under it, earlier ones stay
   * readable. Resolves to the new epoch.
   * @throws MeshError ERR_INVALID_ARGUMENT (tenant), ERR_FAILED_PRECONDITION, ERR_UNAVAILABLE.
   */
  async rotate(tenant: string): Promise<number> {
    if (!tenant || tenant.length > 200) throw new MeshError(ErrorCode.InvalidArgument, 'tenant must be 1-200 characters');
    const next = (this.epochs(tenant).at(-1)?.epoch ?? 0) + 1;
    await this.propose(tenant, next);
    return this.epochs(tenant).at(-1)?.epoch ?? next;
  }

  /**
   * Seals an update payload (mesh, node or internal-DB) under the mesh key, bound to `label`
   * (kind, topic or table and key), creating the mesh key at first use.
   * @throws MeshError as {@link prepare}.
   */
  async sealUpdate(label: string, payload: Uint8Array): Promise<Uint8Array> {
    await this.prepare(MESH_KEY_TENANT);
    return this.seal(MESH_KEY_TENANT, label, [payload])[0];
  }

  /**
   * Opens an update payload sealed by {@link sealUpdate} with the same `label`.
   * @throws MeshError ERR_UNAVAILABLE (the epoch's key is not wrapped for this node yet), ERR_DECRYPT.
   */
  openUpdate(label: string, sealed: Uint8Array): Uint8Array {
    const key = this.requireKey(MESH_KEY_TENANT, sealedEpoch(sealed));
    return new PayloadCipher(payloadAad(MESH_KEY_TENANT, label)).open(key, sealed);
  }

  /** The key of an epoch. @throws MeshError ERR_UNAVAILABLE when it is not wrapped for this node (yet). */
  private requireKey(tenant: string, epoch: number): Buffer {
    const key = this.keyOf(tenant, epoch, true);
    if (!key) throw new MeshError(ErrorCode.Unavailable, `the key of tenant ${tenant} epoch ${epoch} is not here yet: retry`);
    return key;
  }

  /** The tenants' key epochs (without keys). */
  status(tenant?: string): TenantKeyStatus[] {
    const all = [...this.d.control.mcg.state.tenantKeys].filter(([t]) => tenant === undefined || tenant === '' || t === tenant);
    return all.map(([t, eps]) => ({
      tenant: t, current: eps.at(-1)?.epoch ?? 0,
      epochs: eps.map((e) => ({ epoch: e.epoch, by: e.by, createdAtMs: e.at, wrappedFor: [...e.wraps.keys()].sort() })),
    }));
  }

  /**
   * Wraps keys this node holds for members that lack them, when this node is the holder with the
   * smallest id (called when members or tenant keys change). Failures are logged and retried at
   * the next change.
   */
  reconcile(): void {
    const meshId = this.d.meshId();
    if (!meshId) return;
    const members = this.d.trust.members();
    for (const [tenant, eps] of this.d.control.mcg.state.tenantKeys) {
      for (const e of eps) {
        const holders = members.filter((m) => e.wraps.has(m.nodeId)).map((m) => m.nodeId).sort();
        if (holders[0] !== this.d.selfId) continue;
        const key = this.keyOf(tenant, e.epoch, false);
        if (!key) continue;
        for (const m of members) {
          if (e.wraps.has(m.nodeId)) continue;
          const wrapped = wrapKey(this.d.identity, meshId, label(tenant, e.epoch), this.d.selfId, m.nodeId, m.kx, key);
          const rid = `~wrap ${tenant}#${e.epoch}>${m.nodeId}`.slice(0, 64);
          this.d.control.write('TenantKeyWrap', {
            t: 'tenant-key-wrap', tenant, epoch: e.epoch, by: this.d.selfId, nodeId: m.nodeId, wrapped, ...this.d.control.stamp(''), rid,
          }, 0).catch((err: unknown) => this.d.log.warn({ tenant, epoch: e.epoch, node: m.nodeId, err: (err as Error).message }, 'tenant key wrap failed; retried at the next change'));
        }
      }
    }
  }

  private epochs(tenant: string): McgTenantEpoch[] {
    return this.d.control.mcg.state.tenantKeys.get(tenant) ?? [];
  }

  /** The key of one epoch, unwrapped and cached; undefined when it is not wrapped for this node. */
  private keyOf(tenant: string, epoch: number, warn: boolean): Buffer | undefined {
    const meshId = this.d.meshId();
    const id = `${meshId}/${tenant}#${epoch}`;
    const cached = this.keys.get(id);
    if (cached) return cached;
    const w = this.epochs(tenant).find((e) => e.epoch === epoch)?.wraps.get(this.d.selfId);
    if (!w || !meshId) return undefined;
    const byKx = w.by === this.d.selfId ? this.d.identity.kx : this.d.trust.member(w.by)?.kx;
    if (!byKx) return undefined;
    try {
      const key = unwrapKey(this.d.identity, meshId, label(tenant, epoch), w.by, byKx, this.d.selfId, w.key);
      this.keys.set(id, key);
      return key;
    } catch (err) {
      if (warn) this.d.log.error({ tenant, epoch, err: (err as Error).message }, 'tenant key does not unwrap here');
      return undefined;
    }
  }

  private async propose(tenant: string, epoch: number): Promise<void> {
    const meshId = this.d.meshId();
    if (!meshId) throw new MeshError(ErrorCode.FailedPrecondition, 'not a member of a mesh');
    const key = randomBytes(DATA_KEY_BYTES);
    const wraps: Array<[string, Uint8Array]> = this.d.trust.members().map((m) => [
      m.nodeId, wrapKey(this.d.identity, meshId, label(tenant, epoch), this.d.selfId, m.nodeId, m.kx, key),
    ]);
    await this.d.control.write('TenantKey', { t: 'tenant-key', tenant, epoch, by: this.d.selfId, wraps, ...this.d.control.stamp('') }, 0);
  }
}
