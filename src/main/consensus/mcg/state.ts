/**
 * The Mesh Control Group's replicated state machine, applied on every node in log order: the
 * mesh record (id, name, join policy and key hash, CA certificate), members with their keys, evicted nodes, the internal-DB
 * table, and the request ids of recent updates (so a retried update is applied once).
 * Deterministic: the same entries give the same state on every node.
 */
import type { JoinPolicy } from '../../../shared/wire/index.js';
import type { Entry, StateMachine } from '../index.js';
import { decodeCommand, pack, unpack, type McgCommand } from './commands.js';

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
      duplicates: [...this.duplicates], applied: this.applied,
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
        return;
      }
      case 'leave':
        this.members.delete(c.nodeId);
        return;
      case 'evict':
        this.members.delete(c.nodeId);
        this.evicted.set(c.nodeId, index);
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
    }
  }

  private remember(rid: string, index: number): void {
    this.requests.set(rid, index);
    if (this.requests.size > MAX_REMEMBERED_REQUESTS) this.requests.delete(this.requests.keys().next().value as string);
    if (this.duplicates.size > MAX_REMEMBERED_REQUESTS) this.duplicates.delete(this.duplicates.values().next().value as number);
  }
}
