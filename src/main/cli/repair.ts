/**
 * `meshd repair`: rebuilds a stopped node's stores after damage or loss, keeping its identity.
 *
 * 1. The identity directory must be there (the node's keys cannot be fetched from anyone); so
 *    must the mesh record, in the stream store or in `identity/membership.json`.
 * 2. The stream store (`meshd.lmdb`) is moved into `<dataDir>/damaged-<time>/` and every sound
 *    record is copied into a fresh one, in a child process (`storage/lmdb/salvage.ts`). Streams
 *    that lost accepted messages stay stopped; everything lost is listed.
 * 3. The Raft log (`mcg/`), when missing or damaged (meta pages or any page, as at start-up), is
 *    moved aside too and replaced by an empty log marked `LOST_ALL`: the node rebuilds the Mesh
 *    Control Group state from the leader (entries or a snapshot) and takes part in no election or
 *    quorum until it has caught up (`consensus/raft.ts`, recovery). A sound log is kept.
 * 4. The known peers come from the membership backup, so the node finds the mesh again.
 *
 * Messages whose only copy was in the lost store (accepted by this node as a target and already
 * acknowledged to the source, or not yet sent on as a source) cannot be fetched from anyone: they
 * are listed, and their streams stopped. Do not change the mesh's membership while a repaired node
 * is catching up (`meshctl --json status` shows `consensus.recovering` until it has).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { planLostAll } from '../consensus/index.js';
import { backupPeers, readMembershipBackup, type MembershipBackup } from '../node/membership-backup.js';
import { IdentityFile } from '../security/index.js';
import { LmdbRaftStore, LmdbStorage, checkLmdbFile, deepCheck } from '../storage/index.js';
import type { MeshRecord } from '../storage/index.js';
import type { SalvageReport } from '../storage/lmdb/salvage.js';

/** State of one store before the repair. */
export interface StoreCheck {
  state: 'sound' | 'damaged' | 'missing';
  reason?: string;
}

/** What `meshd repair` did. */
export interface RepairReport {
  dataDir: string;
  /** Where the replaced files were moved (kept for forensics; delete when done). */
  aside: string;
  streams: StoreCheck & { salvage?: SalvageReport };
  mcg: StoreCheck & { action: 'kept' | 'rebuilt' };
  /** Everything that could not be recovered, one line each. */
  lost: string[];
}

const SALVAGE_CHILD = fileURLToPath(new URL('../storage/lmdb/salvage-child.js', import.meta.url));

function check(path: string, file: string, subdir: boolean): StoreCheck {
  if (!existsSync(file)) return { state: 'missing' };
  try {
    checkLmdbFile(file, '');
  } catch (err) {
    return { state: 'damaged', reason: (err as Error).message.replace(/\. $/, '') };
  }
  const [r] = deepCheck([{ path, subdir }]);
  return r.ok ? { state: 'sound' } : { state: 'damaged', reason: r.reason };
}

function moveAside(from: string, aside: string, name: string): void {
  if (!existsSync(from)) return;
  mkdirSync(aside, { recursive: true });
  renameSync(from, join(aside, name));
}

/** Runs the salvage child; undefined (and a line in `lost`) when it could not finish. */
function runSalvage(oldDir: string, dataDir: string, mesh: MeshRecord | undefined, lost: string[]): SalvageReport | undefined {
  const r = spawnSync(process.execPath, [SALVAGE_CHILD, oldDir, dataDir, ...(mesh ? [JSON.stringify(mesh)] : [])], { encoding: 'utf8', timeout: 600_000 });
  const line = (r.stdout ?? '').trim().split('\n').at(-1) ?? '';
  try {
    const out = JSON.parse(line) as { ok: boolean; report?: SalvageReport; error?: string };
    if (out.ok && out.report) return out.report;
    lost.push(`stream store unreadable (${out.error}): every stream record and message it held is lost`);
  } catch {
    lost.push(`stream store unreadable (${r.signal ? `the reader died by ${r.signal}` : `exit ${r.status}`}): every stream record and message it held is lost`);
  }
  return undefined;
}

/**
 * Repairs the stores in `dataDir` (the node must be stopped).
 * @throws MeshError ERR_STORAGE when the node cannot be rebuilt: its identity is gone, or no mesh
 *   record survives anywhere (then evict it from another member and join again).
 */
export async function repair(dataDir: string): Promise<RepairReport> {
  const identityDir = join(dataDir, 'identity');
  const evict = 'Remedy: evict this node from another member (EvictNode) and join the mesh again with a new data directory.';
  if (!existsSync(join(identityDir, IdentityFile.nodeKey))) {
    throw new MeshError(ErrorCode.Storage, `${identityDir}: the node's identity is gone; a node cannot be rebuilt without its keys. ${evict}`);
  }
  const lost: string[] = [];
  let backup: MembershipBackup | undefined;
  try {
    backup = readMembershipBackup(identityDir);
  } catch (err) {
    lost.push(`membership backup unreadable: ${(err as Error).message}`);
  }
  const streamsFile = join(dataDir, 'meshd.lmdb');
  const mcgDir = join(dataDir, 'mcg');
  const streams: RepairReport['streams'] = check(streamsFile, streamsFile, false);
  const mcgCheck = check(mcgDir, join(mcgDir, 'data.mdb'), true);
  const aside = join(dataDir, `damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);

  // The stream store: every sound record into a fresh store.
  const work = join(aside, 'work');
  if (streams.state !== 'missing') {
    moveAside(streamsFile, aside, 'meshd.lmdb');
    moveAside(`${streamsFile}-lock`, aside, 'meshd.lmdb-lock');
    mkdirSync(work, { recursive: true });
    cpSync(join(aside, 'meshd.lmdb'), join(work, 'meshd.lmdb'));
    streams.salvage = runSalvage(work, dataDir, backup?.mesh, lost);
    rmSync(work, { recursive: true, force: true });
    if (!streams.salvage) {
      rmSync(streamsFile, { force: true });
      rmSync(`${streamsFile}-lock`, { force: true });
    }
  } else lost.push('stream store missing: every stream record and message it held is lost');
  lost.push(...(streams.salvage?.lost ?? []));

  const store = new LmdbStorage(dataDir);
  try {
    if (!streams.salvage?.mesh) {
      if (!backup) {
        throw new MeshError(ErrorCode.Storage, `${dataDir}: no mesh record survives (not in the stream store, no ${join(identityDir, 'membership.json')}); the original files are in ${aside}. ${evict}`);
      }
      await store.putMesh({ ...backup.mesh, repair: { atMs: Date.now(), streamsLost: true } });
    }
    if (backup) for (const p of backupPeers(backup, backup.mesh.selfId)) await store.putPeer(p);
  } finally {
    await store.close();
  }

  // The Raft log: kept when sound, else rebuilt from the leader.
  let action: 'kept' | 'rebuilt' = 'kept';
  if (mcgCheck.state !== 'sound') {
    moveAside(mcgDir, aside, 'mcg');
    const raft = new LmdbRaftStore(mcgDir);
    await raft.write(planLostAll());
    await raft.close();
    action = 'rebuilt';
  }
  return { dataDir, aside, streams, mcg: { ...mcgCheck, action }, lost };
}

/**
 * `meshd repair [--data-dir D] [--config F] [--node-id ID] [--json]`: the data directory comes
 * from `--data-dir`, else from the configuration (file, `MESH_*` variables, node id). Prints what
 * was done and what was lost; with `--json` one JSON line `{"event":"repaired",...}`.
 * Exit codes: 0 repaired, 2 bad configuration, 3 cannot be rebuilt.
 */
export async function repairCommand(argv: string[]): Promise<void> {
  const { Command } = await import('commander');
  const { loadConfig } = await import('../../shared/config/index.js');
  const cmd = new Command('meshd repair')
    .description('Rebuild a stopped node\'s damaged or lost stores from what is sound and from its peers')
    .option('--data-dir <dir>', 'the node\'s data directory')
    .option('-c, --config <file>', 'the node\'s config file (for its data directory)')
    .option('--node-id <id>', 'node id (for the default data directory data/<id>)')
    .option('--json', 'print the report as one JSON line');
  cmd.parse(argv, { from: 'user' });
  const o = cmd.opts<{ dataDir?: string; config?: string; nodeId?: string; json?: boolean }>();
  const dataDir = o.dataDir ?? loadConfig({ file: o.config, env: process.env, overrides: { 'node.id': o.nodeId } }).dataDir;
  const r = await repair(dataDir);
  if (o.json) {
    process.stdout.write(JSON.stringify({ event: 'repaired', ...r }) + '\n');
    return;
  }
  const s = r.streams.salvage;
  const lines = [
    `repaired ${r.dataDir}; the replaced files are in ${r.aside}`,
    `stream store: ${r.streams.state}${r.streams.reason ? ` (${r.streams.reason})` : ''}${s ? `; kept ${s.sourceStreams} source and ${s.targetStreams} target streams, ${s.outboxMessages} outbox and ${s.inboxMessages} inbox messages, ${s.producerRecords} producer records` : '; rebuilt empty'}`,
    `Raft log: ${r.mcg.state}${r.mcg.reason ? ` (${r.mcg.reason})` : ''}; ${r.mcg.action === 'kept' ? 'kept' : 'rebuilt empty: the node catches up from the leader when it starts, and votes only after that'}`,
    r.lost.length ? `could not be recovered (${r.lost.length}):` : 'nothing was lost',
    ...r.lost.map((l) => `  - ${l}`),
    'start the node again; do not change the mesh\'s membership until `meshctl --json status` shows health HEALTHY and consensus.recovering false',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
