/**
 * Tenant encryption at this node (docs/SECURITY.md "Tenant data"): one key per tenant with
 * numbered epochs, created by the first node that needs it and recorded in the Mesh Control Group
 * only wrapped for each node that serves the tenant (`src/main/security/sealing.ts`). A payload is
 * sealed at its source before it reaches the outbox and opened only where its subscriber is
 * served, so transit nodes, outboxes, inboxes and logs hold ciphertext. Rotation adds an epoch;
 * sources seal under the newest, and every earlier epoch stays readable (its wraps stay in the group).
 *
 * A node serves a tenant once it needs the key: to publish (a stream's source) or to deliver (a
 * subscriber's node). It then records `tenant-key-want` and waits (at most
 * {@link KEY_WAIT_MS}) for the member with the smallest node id that holds the key to wrap every
 * epoch for it (`tenant-key-wrap`). Nodes that never serve a tenant never get its key; transit
 * nodes never need one. The mesh key ({@link MESH_KEY_TENANT}) is wrapped for every member.
 */
import { createHash, randomBytes } from 'node:crypto';
import { backOff } from 'exponential-backoff';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { tagOf } from '../../shared/ids.js';
import type { McgTenantEpoch } from '../consensus/mcg/index.js';
import type { Logger } from '../observability/logger.js';
import {
  DATA_KEY_BYTES, PayloadCipher, SEAL_OVERHEAD, payloadAad, sealedEpoch, unwrapKey, wrapKey, type NodeIdentity, type SealPool,
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
  /** `--insecure-dev-only`: payloads and updates pass through unsealed (benchmark baselines). */
  insecure?: boolean;
  /** Seals and opens payloads over its inline limit off the main thread (absent: all inline). */
  pool?: SealPool;
}

/** A tenant's key epochs as `tenant-key status` shows them. */
export interface TenantKeyStatus {
  tenant: string;
  current: number;
  epochs: Array<{ epoch: number; by: string; createdAtMs: number; wrappedFor: string[] }>;
}

const label = (tenant: string, epoch: number) => `tenant ${tenant}#${epoch}`;

/** How long {@link TenantCrypto.prepare} waits for a holder to wrap a key for this node (ms). */
export const KEY_WAIT_MS = 10_000;

/**
 * Attempts at {@link TenantCrypto.prepare}'s control-group writes (the key's creation, this node's
 * want) when leadership changes before one commits: ERR_ABORTED says it was not applied, so it is
 * proposed again once a leader is elected (exponential back-off from 200 ms, full jitter).
 */
export const KEY_WRITE_ATTEMPTS = 4;

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
  private waiters = new Set<{ tenant: string; resolve: () => void }>();

  constructor(private readonly d: TenantCryptoDeps) {}

  /** True when this node holds the current key of `tenant`. */
  ready(tenant: string): boolean {
    if (this.d.insecure) return true;
    const cur = this.epochs(tenant).at(-1);
    return !!cur && this.keyOf(tenant, cur.epoch, false) !== undefined;
  }

  /**
   * Makes the tenant's current key available here: creates epoch 1 when the tenant has none, and
   * otherwise records that this node serves the tenant and waits (at most {@link KEY_WAIT_MS}) for
   * a holder to wrap the key for it.
   * @throws MeshError ERR_UNAVAILABLE when the key is not wrapped for this node in time (no
   *   holder is up), the control group does not answer, refuses changes while unhealthy or
   *   changes leader under each of {@link KEY_WRITE_ATTEMPTS} writes;
   *   ERR_FAILED_PRECONDITION when not a member.
   */
  async prepare(tenant: string): Promise<void> {
    if (this.ready(tenant)) return;
    try {
      await backOff(async () => {
        // Two nodes may create epoch 1 at once; the one whose entry is refused then asks for a copy.
        if (!this.epochs(tenant).length) await this.once(`create ${tenant}`, () => this.propose(tenant, 1));
        if (!this.ready(tenant)) await this.once(`want ${tenant}`, () => this.want(tenant));
      }, {
        numOfAttempts: KEY_WRITE_ATTEMPTS, startingDelay: 200, maxDelay: 2000, jitter: 'full',
        retry: (e: unknown) => e instanceof MeshError && e.code === ErrorCode.Aborted,
      });
    } catch (err) {
      // A member whose control group is not healthy yet (just restarted, partitioned, electing a
      // leader): the publish or subscription may succeed in a moment, so the caller is told to retry.
      const transient = err instanceof MeshError && (err.code === ErrorCode.FailedPrecondition || err.code === ErrorCode.Aborted);
      if (transient && this.d.meshId()) {
        throw new MeshError(ErrorCode.Unavailable, `the key of tenant ${tenant} cannot be made or fetched now (${err.message}): retry`, { cause: err });
      }
      throw err;
    }
    if (!this.ready(tenant)) await this.waitReady(tenant);
    if (!this.ready(tenant)) throw new MeshError(ErrorCode.Unavailable, `the key of tenant ${tenant} is not wrapped for ${this.d.selfId} yet: retry`);
  }

  /** Control-group state changed (keys, wraps, members): wakes {@link prepare} calls waiting for a wrap. */
  changed(): void {
    for (const w of this.waiters) if (this.ready(w.tenant)) w.resolve();
  }

  /**
   * Unwraps every key this node holds into memory: called before this node's own keys rotate,
   * since its copies are dropped then and wrapped again (by itself when it is the only holder).
   */
  holdAll(): void {
    for (const [tenant, eps] of this.d.control.mcg.state.tenantKeys) for (const e of eps) this.keyOf(tenant, e.epoch, true);
  }

  /** Runs `fn` unless a call under the same name is in progress, whose promise is shared. */
  private once(name: string, fn: () => Promise<void>): Promise<void> {
    let p = this.creating.get(name);
    if (!p) {
      p = fn().finally(() => this.creating.delete(name));
      this.creating.set(name, p);
    }
    return p;
  }

  private waitReady(tenant: string): Promise<void> {
    return new Promise((resolve) => {
      const w = { tenant, resolve: () => done() };
      const timer = setTimeout(() => done(), KEY_WAIT_MS);
      const done = () => { clearTimeout(timer); this.waiters.delete(w); resolve(); };
      this.waiters.add(w);
    });
  }

  /** Records that this node serves `tenant` (once; holders then wrap every epoch for it). */
  private async want(tenant: string): Promise<void> {
    if (this.d.control.mcg.state.tenantServers.get(tenant)?.has(this.d.selfId)) return;
    await this.d.control.write('TenantKeyWant', { t: 'tenant-key-want', tenant, nodeId: this.d.selfId, ...this.d.control.stamp('') }, 0);
  }

  /** The members a tenant's key is wrapped for: those that serve it, or every member for the mesh key. */
  private servers(tenant: string): Array<{ nodeId: string; kx: string }> {
    const members = this.d.trust.members();
    if (tenant === MESH_KEY_TENANT) return members;
    const s = this.d.control.mcg.state.tenantServers.get(tenant);
    return members.filter((m) => s?.has(m.nodeId));
  }

  /**
   * Seals payloads of `streamId` under the tenant's current epoch ({@link prepare} first), naming
   * the tag of `publisher` (an API subject; empty for updates) in each: at once, or as a promise
   * when some are large enough for the sealing pool ({@link SealPool.offloads}).
   */
  seal(tenant: string, streamId: string, payloads: Uint8Array[], publisher = ''): Uint8Array[] | Promise<Uint8Array[]> {
    if (this.d.insecure) return payloads;
    const cur = this.epochs(tenant).at(-1);
    const key = cur && this.keyOf(tenant, cur.epoch, true);
    if (!cur || !key) throw new MeshError(ErrorCode.Unavailable, `no key of tenant ${tenant} here`);
    const aad = payloadAad(tenant, streamId);
    const sealer = new PayloadCipher(aad);
    const by = publisher ? tagOf(publisher) : 0n;
    const pool = this.d.pool;
    if (!pool || !payloads.some((p) => pool.offloads(p.length))) return payloads.map((p) => sealer.seal(key, cur.epoch, p, by));
    return Promise.all(payloads.map((p) => (pool.offloads(p.length) ? pool.seal(key, cur.epoch, by, aad, p) : sealer.seal(key, cur.epoch, p, by))));
  }

  /**
   * Opens the payloads of a batch for a subscriber of `tenant`: at once, or as a promise when
   * large payloads are opened on the sealing pool (its rejection: ERR_DECRYPT).
   * @throws MeshError ERR_UNAVAILABLE when the epoch's key is not here yet (the subscription waits
   *   for it, streams/subscription.ts), ERR_DECRYPT when a payload does not open.
   */
  open(tenant: string, streamId: string, messages: StoredMessage[]): StoredMessage[] | Promise<StoredMessage[]> {
    if (this.d.insecure) return messages;
    const aad = payloadAad(tenant, streamId);
    const cipher = new PayloadCipher(aad);
    const pool = this.d.pool;
    const large = !!pool && messages.some((m) => pool.offloads(m.payload.length - SEAL_OVERHEAD));
    let epoch = -1;
    let key: Buffer = Buffer.alloc(0);
    const opened = messages.map((m) => {
      const e = sealedEpoch(m.payload);
      if (e !== epoch) {
        epoch = e;
        key = this.requireKey(tenant, e);
      }
      if (large && pool!.offloads(m.payload.length - SEAL_OVERHEAD)) return pool!.open(key, aad, m.payload).then((payload) => ({ ...m, payload }));
      return { ...m, payload: cipher.open(key, m.payload) };
    });
    return large ? Promise.all(opened) : (opened as StoredMessage[]);
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
    if (this.d.insecure) return payload;
    await this.prepare(MESH_KEY_TENANT);
    return (await this.seal(MESH_KEY_TENANT, label, [payload]))[0];
  }

  /**
   * Opens an update payload sealed by {@link sealUpdate} with the same `label`.
   * @throws MeshError ERR_UNAVAILABLE (the epoch's key is not wrapped for this node yet), ERR_DECRYPT.
   */
  openUpdate(label: string, sealed: Uint8Array): Uint8Array {
    if (this.d.insecure) return sealed;
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
   * Wraps keys this node holds for serving members that lack them, when this node is the holder
   * with the smallest id, or holds a key in memory that no member has a copy of any more (after
   * its own key rotation). Called when members or tenant keys change; failures are logged and
   * retried at the next change.
   */
  reconcile(): void {
    const meshId = this.d.meshId();
    // While this node's own keys rotate, its X25519 key and the recorded one may differ: wait.
    if (!meshId || this.d.identity.pendingRotation) return;
    const members = this.d.trust.members();
    for (const [tenant, eps] of this.d.control.mcg.state.tenantKeys) {
      const servers = this.servers(tenant);
      for (const e of eps) {
        const holders = members.filter((m) => e.wraps.has(m.nodeId)).map((m) => m.nodeId).sort();
        const key = this.keyOf(tenant, e.epoch, false);
        if (!key || (holders.length ? holders[0] !== this.d.selfId : false)) continue;
        for (const m of [...servers, ...(holders.length ? [] : [{ nodeId: this.d.selfId, kx: this.d.identity.kx }])]) {
          if (e.wraps.has(m.nodeId)) continue;
          const wrapped = wrapKey(this.d.identity, meshId, label(tenant, e.epoch), this.d.selfId, m.nodeId, m.kx, key);
          // One request id per (epoch, node, node key): a retry is applied once, a copy for a rotated key is new.
          const rid = `~wrap ${createHash('sha256').update(`${tenant}\0${e.epoch}\0${m.nodeId}\0${m.kx}`).digest('base64url')}`;
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
    const byKx = w.byKx ?? (w.by === this.d.selfId ? this.d.identity.kx : this.d.trust.member(w.by)?.kx);
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
    const to = this.servers(tenant).filter((m) => m.nodeId !== this.d.selfId).concat({ nodeId: this.d.selfId, kx: this.d.identity.kx });
    const wraps: Array<[string, Uint8Array]> = to.map((m) => [
      m.nodeId, wrapKey(this.d.identity, meshId, label(tenant, epoch), this.d.selfId, m.nodeId, m.kx, key),
    ]);
    await this.d.control.write('TenantKey', { t: 'tenant-key', tenant, epoch, by: this.d.selfId, wraps, ...this.d.control.stamp('') }, 0);
  }
}
