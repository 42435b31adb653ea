/**
 * The Mesh Control Group's replicated state machine, applied on every node in log order: the
 * mesh record (id, name, join policy and key hash, CA certificate), members with their keys, evicted nodes, the internal-DB
 * table, QoS policies, and the request ids of recent updates (so a retried update is applied once).
 * Deterministic: the same entries give the same state on every node.
 */
import type { JoinPolicy } from '../../../shared/wire/index.js';
import type { Entry, StateMachine } from '../index.js';
import { decodeCommand, pack, unpack, type McgCommand } from './commands.js';

/** A QoS policy of one domain (a tenant, or `*`): see src/main/node/admission.ts. */
export interface McgQosPolicy {
  domain: string;
  /** Percent (1-100) of the stream send window its streams get. */
  priorityWeight: number;
  /** Most messages of the domain published here and not yet acknowledged by every target (0: no limit). */
  maxPending: number;
  /** Most publish requests of the domain in progress at one node (0: no limit). */
  maxInFlight: number;
  /** Consecutive failed publishes that open the domain's circuit at a node (0: no breaker). */
  breakerFailures: number;
  /** How long an open circuit refuses publishes before one is let through (ms). */
  breakerOpenMs: number;
  /** Index of the entry that set it. */
  index: number;
}

/** A member as the group records it. */
export interface McgMember {
  nodeId: string;
  name: string;
  address: string;
  /** Index of the entry that admitted it. */
  since: number;
  /** SPKI fingerprint of the member's key: a link is accepted only from this key. */
  key: string;
  /** The signing key's SubjectPublicKeyInfo (DER, base64): checks the member's LSAs. */
  spki: string;
  /** The member's X25519 public key (base64url): its pair keys are derived from it. */
  kx: string;
}

/** The mesh record the group carries. */
export interface McgMesh {
  meshId: string;
  name: string;
  policy: JoinPolicy;
  keySalt: Uint8Array;
  keyHash: Uint8Array;
  /** The mesh CA certificate (PEM); its SPKI fingerprint is the mesh fingerprint. */
  caCert: string;
}

/** An API token as recorded when issued (never the token itself). */
export interface McgToken {
  jti: string;
  sub: string;
  role: 'admin' | 'publisher' | 'subscriber';
  tenant?: string;
  streams: string[];
  aud: string[];
  iss: string;
  /** Expiry (seconds since epoch). */
  exp: number;
  revoked: boolean;
}

/** An ACL grant. */
export interface McgAcl {
  subject: string;
  tenant: string;
  role: 'publisher' | 'subscriber';
  stream?: string;
}

/** The key of an ACL grant in {@link McgState.acls}. */
export function aclKey(a: McgAcl): string {
  return `${a.subject}\0${a.tenant}\0${a.role}\0${a.stream ?? ''}`;
}

/** One wrapped copy of a tenant key (see {@link McgTenantEpoch.wraps}). */
export interface McgWrap {
  by: string;
  byKx?: string;
  key: Uint8Array;
}

/** One epoch of a tenant's key: who created it, when, and the key wrapped for each member. */
export interface McgTenantEpoch {
  epoch: number;
  by: string;
  /** When it was created (ms since epoch, the proposer's clock). */
  at: number;
  /**
   * Node id -> the key wrapped for that node by node `by`, whose X25519 key was `byKx` when it
   * wrapped (see `src/main/security/sealing.ts`), so a later rotation of `by`'s keys leaves the
   * copy readable. A node's own copies are dropped when its keys rotate (its new key cannot open
   * them) and wrapped again by a holder.
   */
  wraps: Map<string, McgWrap>;
}

/**
 * How long a token's record outlives the token (seconds, 7 days): a target checks the publisher
 * of each message it receives against these records (`src/main/node/publisher-check.ts`), so
 * messages published just before a token expired still pass when they arrive late.
 */
export const TOKEN_RECORD_GRACE_S = 7 * 24 * 3600;

/** Tokens and revocations remembered at most (expired ones are forgotten first). */
export const MAX_TOKENS = 100_000;

/** Request ids remembered for deduplication (oldest forgotten first). */
export const MAX_REMEMBERED_REQUESTS = 10_000;

interface Snapshot {
  mesh: McgMesh | null;
  members: McgMember[];
  evicted: Array<[string, number]>;
  db: Array<[string, Uint8Array]>;
  requests: Array<[string, number]>;
  duplicates: number[];
  applied: number;
  tokens?: McgToken[];
  revoked?: Array<[string, number]>;
  acls?: McgAcl[];
  tenantKeys?: Array<[string, Array<{ epoch: number; by: string; at: number; wraps: Array<[string, McgWrap]> }>]>;
  tenantServers?: Array<[string, string[]]>;
  policies?: McgQosPolicy[];
  settings?: Array<[string, string | number | boolean]>;
}

/** What applying one entry did, for the node to react to. */
export type Applied =
  | { t: 'none' }
  | { t: 'malformed'; message: string }
  | { t: 'duplicate'; of: number }
  | { t: 'command'; cmd: McgCommand };

/** The state; {@link apply} is called for every committed entry. */
export class McgState implements StateMachine {
  mesh: McgMesh | null = null;
  members = new Map<string, McgMember>();
  evicted = new Map<string, number>();
  /** Internal-DB table: `table\0key` -> value. */
  db = new Map<string, Uint8Array>();
  /** Request id -> index of the entry that applied it. */
  requests = new Map<string, number>();
  /** Indexes of updates skipped as retries of an earlier one (subscribers skip them). */
  duplicates = new Set<number>();
  /** Issued API tokens by id. */
  tokens = new Map<string, McgToken>();
  /** Revoked token ids -> expiry (seconds; 0 when unknown): refused at every node. */
  revoked = new Map<string, number>();
  /** ACL grants by {@link aclKey}. */
  acls = new Map<string, McgAcl>();
  /** Tenant -> its key epochs, oldest first (the last is current). */
  tenantKeys = new Map<string, McgTenantEpoch[]>();
  /**
   * Tenant -> the members that serve it (a stream's source or target, or a subscriber's node):
   * the nodes its key is wrapped for. A node enters by creating an epoch or by `tenant-key-want`,
   * and leaves when it leaves the mesh or is evicted (its wraps are dropped with it).
   */
  tenantServers = new Map<string, Set<string>>();
  /** Mesh-wide live settings (dotted path -> value) every node applies over its own (node/mesh-settings.ts). */
  settings = new Map<string, string | number | boolean>();
  /** QoS policies by domain. */
  policies = new Map<string, McgQosPolicy>();
  /** Bumped by every token and ACL change (caches of access decisions compare it). */
  accessVersion = 0;
  applied = 0;
  /** The outcome of the last {@link apply}. */
  last: Applied = { t: 'none' };

  /** Applies one committed entry. A malformed entry is skipped the same way on every node. */
  apply(e: Entry): void {
    this.applied = e.index;
    this.last = { t: 'none' };
    if (e.kind !== 'data') return;
    let cmd: McgCommand;
    try {
      cmd = decodeCommand(e.data);
    } catch (err) {
      this.last = { t: 'malformed', message: (err as Error).message };
      return;
    }
    if ('rid' in cmd && cmd.rid) {
      const of = this.requests.get(cmd.rid);
      if (of !== undefined) {
        this.duplicates.add(e.index);
        this.last = { t: 'duplicate', of };
        return;
      }
      this.remember(cmd.rid, e.index);
    }
    this.applyCommand(cmd, e.index);
    this.last = { t: 'command', cmd };
  }

  /** The value of an internal-DB key. */
  dbGet(table: string, key: string): Uint8Array | undefined {
    return this.db.get(`${table}\0${key}`);
  }

  /** {@link StateMachine.snapshot}. */
  snapshot(): Uint8Array {
    const s: Snapshot = {
      mesh: this.mesh, members: [...this.members.values()], evicted: [...this.evicted], db: [...this.db], requests: [...this.requests],
      duplicates: [...this.duplicates], applied: this.applied, tokens: [...this.tokens.values()], revoked: [...this.revoked],
      acls: [...this.acls.values()],
      tenantKeys: [...this.tenantKeys].map(([t, eps]) => [t, eps.map((e) => ({ ...e, wraps: [...e.wraps] }))]),
      tenantServers: [...this.tenantServers].map(([t, s]) => [t, [...s]]),
      policies: [...this.policies.values()], settings: [...this.settings],
    };
    return pack(s);
  }

  /** {@link StateMachine.restore}. */
  restore(data: Uint8Array, index: number): void {
    const s = unpack(data) as Snapshot;
    this.mesh = s.mesh;
    this.members = new Map(s.members.map((m) => [m.nodeId, m]));
    this.evicted = new Map(s.evicted);
    this.db = new Map(s.db);
    this.requests = new Map(s.requests);
    this.duplicates = new Set(s.duplicates);
    this.tokens = new Map((s.tokens ?? []).map((t) => [t.jti, t]));
    this.revoked = new Map(s.revoked ?? []);
    this.acls = new Map((s.acls ?? []).map((a) => [aclKey(a), a]));
    this.tenantKeys = new Map((s.tenantKeys ?? []).map(([t, eps]) => [t, eps.map((e) => ({ ...e, wraps: new Map(e.wraps) }))]));
    this.tenantServers = new Map((s.tenantServers ?? []).map(([t, ids]) => [t, new Set(ids)]));
    this.policies = new Map((s.policies ?? []).map((p) => [p.domain, p]));
    this.settings = new Map(s.settings ?? []);
    this.accessVersion++;
    this.applied = index;
  }

  private applyCommand(c: McgCommand, index: number): void {
    switch (c.t) {
      case 'seed':
        this.mesh = { meshId: c.meshId, name: c.name, policy: c.policy, keySalt: c.keySalt, keyHash: c.keyHash, caCert: c.caCert };
        this.members.set(c.nodeId, { nodeId: c.nodeId, name: c.nodeName, address: c.address, since: index, key: c.key, spki: c.spki, kx: c.kx });
        return;
      case 'join':
        this.evicted.delete(c.nodeId); // a new JoinMesh readmits an evicted node
        this.members.set(c.nodeId, {
          nodeId: c.nodeId, name: c.name, address: c.address, since: this.members.get(c.nodeId)?.since ?? index, key: c.key, spki: c.spki, kx: c.kx,
        });
        return;
      case 'node-key': {
        const m = this.members.get(c.nodeId);
        if (m) this.members.set(c.nodeId, { ...m, key: c.key, spki: c.spki, kx: c.kx });
        if (m && m.kx !== c.kx) for (const eps of this.tenantKeys.values()) for (const e of eps) e.wraps.delete(c.nodeId);
        return;
      }
      case 'leave':
        this.members.delete(c.nodeId);
        this.dropServer(c.nodeId);
        return;
      case 'evict':
        this.members.delete(c.nodeId);
        this.evicted.set(c.nodeId, index);
        this.dropServer(c.nodeId);
        return;
      case 'policy':
        if (this.mesh) this.mesh = { ...this.mesh, policy: c.policy, keySalt: c.keySalt, keyHash: c.keyHash };
        return;
      case 'db-update':
        if (c.op === 'put') this.db.set(`${c.table}\0${c.key}`, c.value);
        else this.db.delete(`${c.table}\0${c.key}`);
        return;
      case 'mesh-update':
      case 'node-update':
        return; // carried by the log to subscribers; no state
      case 'qos-policy': {
        const { domain, priorityWeight, maxPending, maxInFlight, breakerFailures, breakerOpenMs } = c;
        this.policies.set(domain, { domain, priorityWeight, maxPending, maxInFlight, breakerFailures, breakerOpenMs, index });
        return;
      }
      case 'qos-policy-delete':
        this.policies.delete(c.domain);
        return;
      case 'settings':
        for (const [k, v] of Object.entries(c.values)) {
          if (v === null) this.settings.delete(k);
          else this.settings.set(k, v);
        }
        return;
      case 'check':
      case 'check-result':
        return; // consistency checks (node/consensus-check.ts); no state
      case 'token-issue':
        this.accessVersion++;
        this.forgetExpired(c.at);
        this.tokens.set(c.jti, { jti: c.jti, sub: c.sub, role: c.role, tenant: c.tenant, streams: c.streams, aud: c.aud, iss: c.iss, exp: c.exp, revoked: false });
        return;
      case 'token-revoke': {
        this.accessVersion++;
        this.forgetExpired(c.at);
        const t = this.tokens.get(c.jti);
        if (t) t.revoked = true;
        this.revoked.set(c.jti, t?.exp ?? 0);
        return;
      }
      case 'acl-grant': {
        this.accessVersion++;
        const a: McgAcl = { subject: c.subject, tenant: c.tenant, role: c.role, ...(c.stream ? { stream: c.stream } : {}) };
        this.acls.set(aclKey(a), a);
        return;
      }
      case 'acl-revoke':
        this.accessVersion++;
        this.acls.delete(aclKey(c));
        return;
      case 'tenant-key': {
        // Only the next epoch is accepted: two nodes creating a tenant's first key at once leave one.
        const eps = this.tenantKeys.get(c.tenant) ?? [];
        if (c.epoch !== (eps.at(-1)?.epoch ?? 0) + 1) return;
        const wraps = c.wraps.filter(([id]) => this.members.has(id));
        const byKx = this.members.get(c.by)?.kx;
        eps.push({ epoch: c.epoch, by: c.by, at: c.at, wraps: new Map(wraps.map(([id, key]) => [id, { by: c.by, byKx, key }])) });
        this.tenantKeys.set(c.tenant, eps);
        for (const [id] of wraps) this.serve(c.tenant, id);
        return;
      }
      case 'tenant-key-wrap': {
        const e = this.tenantKeys.get(c.tenant)?.find((x) => x.epoch === c.epoch);
        if (e && this.members.has(c.nodeId) && !e.wraps.has(c.nodeId)) e.wraps.set(c.nodeId, { by: c.by, byKx: this.members.get(c.by)?.kx, key: c.wrapped });
        return;
      }
      case 'tenant-key-want':
        if (this.members.has(c.nodeId)) this.serve(c.tenant, c.nodeId);
        return;
    }
  }

  /**
   * Forgets token records {@link TOKEN_RECORD_GRACE_S} after their expiry and revocations that expired before `atMs` (the command's own time, so every
   * node forgets the same), and the oldest beyond {@link MAX_TOKENS}.
   */
  private forgetExpired(atMs: number): void {
    const now = Math.floor(atMs / 1000);
    for (const [jti, t] of this.tokens) if (t.exp + TOKEN_RECORD_GRACE_S < now) this.tokens.delete(jti);
    for (const [jti, exp] of this.revoked) if (exp && exp < now) this.revoked.delete(jti);
    while (this.tokens.size > MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value as string);
    while (this.revoked.size > MAX_TOKENS) this.revoked.delete(this.revoked.keys().next().value as string);
  }

  private serve(tenant: string, nodeId: string): void {
    let s = this.tenantServers.get(tenant);
    if (!s) this.tenantServers.set(tenant, (s = new Set()));
    s.add(nodeId);
  }

  /** A member left or was evicted: it serves no tenant and its key copies are dropped. */
  private dropServer(nodeId: string): void {
    for (const s of this.tenantServers.values()) s.delete(nodeId);
    for (const eps of this.tenantKeys.values()) for (const e of eps) e.wraps.delete(nodeId);
  }

  private remember(rid: string, index: number): void {
    this.requests.set(rid, index);
    if (this.requests.size > MAX_REMEMBERED_REQUESTS) this.requests.delete(this.requests.keys().next().value as string);
    if (this.duplicates.size > MAX_REMEMBERED_REQUESTS) this.duplicates.delete(this.duplicates.values().next().value as number);
  }
}
