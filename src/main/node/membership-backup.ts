/**
 * A copy of this node's membership kept in its identity directory (`identity/membership.json`):
 * the mesh record, with every member's keys as pins, and the members' addresses. The identity
 * directory is what makes the node itself; with this copy, `meshd repair` can rebuild a node whose
 * stores (`meshd.lmdb`, `mcg/`) were lost or damaged: it knows its mesh, whom to trust and whom to
 * dial, and fetches everything else from its peers. Written (atomically, mode 0600) whenever it
 * changes; removed when the node leaves or is evicted.
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { MeshRecord, PeerRecord } from '../storage/index.js';

/** The file name inside the identity directory. */
export const MEMBERSHIP_FILE = 'membership.json';

const Pin = z.object({ nodeId: z.string(), key: z.string(), spki: z.string(), kx: z.string() });
const Backup = z.object({
  mesh: z.object({
    meshId: z.string(), name: z.string(), selfId: z.string(), createdAtMs: z.number(), active: z.boolean(), pins: z.array(Pin).optional(),
  }),
  peers: z.array(z.object({ nodeId: z.string(), name: z.string(), address: z.string() })),
});

/** What the backup holds. */
export type MembershipBackup = z.infer<typeof Backup>;

/** Writes the backup when it differs from the last one written by this process. */
export class MembershipBackupWriter {
  private last = '';

  constructor(private readonly identityDir: string) {}

  /** Writes `mesh` (pins: `members`' keys) and the members' addresses. */
  write(mesh: MeshRecord, members: Array<{ nodeId: string; name: string; address: string; key: string; spki: string; kx: string }>): void {
    const backup: MembershipBackup = {
      mesh: { ...mesh, pins: members.map(({ nodeId, key, spki, kx }) => ({ nodeId, key, spki, kx })) },
      peers: members.filter((m) => m.address).map(({ nodeId, name, address }) => ({ nodeId, name, address })),
    };
    const text = JSON.stringify(backup, null, 1);
    if (text === this.last) return;
    const path = join(this.identityDir, MEMBERSHIP_FILE);
    writeFileSync(`${path}.tmp`, text, { mode: 0o600 });
    chmodSync(`${path}.tmp`, 0o600);
    renameSync(`${path}.tmp`, path);
    this.last = text;
  }

  /** Removes the backup (the node is no longer a member). */
  remove(): void {
    rmSync(join(this.identityDir, MEMBERSHIP_FILE), { force: true });
    this.last = '';
  }
}

/**
 * Reads the backup in `identityDir`; undefined when there is none.
 * @throws Error when the file exists but is not a valid backup.
 */
export function readMembershipBackup(identityDir: string): MembershipBackup | undefined {
  const path = join(identityDir, MEMBERSHIP_FILE);
  if (!existsSync(path)) return undefined;
  return Backup.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The peers of a backup as peer records to dial. */
export function backupPeers(b: MembershipBackup, selfId: string): PeerRecord[] {
  return b.peers.filter((p) => p.nodeId !== selfId).map((p) => ({ ...p, dial: true, lastSeenMs: 0 }));
}
