/**
 * meshctl's Mesh Control Group and event commands (README "CLI"): `watch` (WatchMeshEvents), `update send|watch` (SendMeshUpdate,
 * SendNodeUpdate, Subscribe*Updates), `db put|delete` (SendInternalDBUpdate), `join-policy`
 * (SetJoinPolicy), `leave` (LeaveMesh) and `evict` (EvictNode). Each answers with the index the
 * change committed at. Payloads are UTF-8 text from the argument, or the whole of stdin with
 * `--stdin` (at most `consensus.maxUpdateBytes`).
 */
import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { MeshClient } from '../api/grpc/client.js';
import type { Update__Output } from '../../generated/mesh/v1/Update.js';
import type { MeshEventKind } from '../../generated/mesh/v1/MeshEventKind.js';
import { positiveInt } from './args.js';

type Out = (obj: unknown, text: string) => void;

async function payloadOf(arg: string | undefined, stdin: boolean | undefined): Promise<Buffer> {
  if (stdin && arg !== undefined) throw new MeshError(ErrorCode.InvalidArgument, 'give the payload as an argument or with --stdin, not both');
  if (!stdin) {
    if (arg === undefined) throw new MeshError(ErrorCode.InvalidArgument, 'a payload is required (an argument, or --stdin)');
    return Buffer.from(arg);
  }
  const parts: Buffer[] = [];
  for await (const c of process.stdin) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** One update as watch prints it: JSON with the payload or value in base64, or one text line. */
function updateLine(kind: string, u: Update__Output): { obj: Record<string, unknown>; text: string } {
  const at = new Date(u.at_ms).toISOString();
  if (kind === 'db') {
    return {
      obj: { index: u.index, origin: u.origin, at_ms: u.at_ms, table: u.table, key: u.key, op: u.op, value: Buffer.from(u.value).toString('base64') },
      text: `${u.index}\t${at}\t${u.origin}\t${u.op} ${u.table}/${u.key}${u.op === 'DELETE' ? '' : `\t${Buffer.from(u.value).toString()}`}`,
    };
  }
  return {
    obj: { index: u.index, origin: u.origin, at_ms: u.at_ms, topic: u.topic, node_id: u.node_id || undefined, request_id: u.request_id, payload: Buffer.from(u.payload).toString('base64') },
    text: `${u.index}\t${at}\t${u.origin}\t${kind === 'node' ? `${u.node_id} ` : ''}${u.topic}\t${Buffer.from(u.payload).toString()}`,
  };
}

/** Adds the control-group commands to `program`. */
export function addControlCommands(program: Command, client: () => MeshClient, out: Out): void {
  const update = program.command('update').description('mesh-wide and per-node updates through the Mesh Control Group');
  update.command('send').description('send an update to every node (SendMeshUpdate) or to one (--to, SendNodeUpdate); answers once committed')
    .requiredOption('--topic <topic>', 'topic (1-256 characters)').option('--to <id>', 'address one member (a node update)')
    .option('--stdin', 'the payload is the whole of stdin').option('--request-id <id>', 'idempotency id: sending again with it applies once')
    .argument('[payload]')
    .action(async (payload: string | undefined, o: { topic: string; to?: string; stdin?: boolean; requestId?: string }) => {
      const body = await payloadOf(payload, o.stdin);
      const c = client();
      const r = o.to ? await c.sendNodeUpdate(o.to, o.topic, body, o.requestId ?? '') : await c.sendMeshUpdate(o.topic, body, o.requestId ?? '');
      out(r, `${r.duplicate ? 'already sent' : 'committed'} at index ${r.index}`);
    });
  update.command('watch').description('print updates as they commit (Subscribe*Updates), acknowledging each batch')
    .addOption(new Option('--kind <kind>', 'which updates').choices(['mesh', 'node', 'db']).default('mesh'))
    .option('--from <index>', 'start after this index (0: from the first held, or after --subscriber\'s last ack)', positiveInt('--from', 0), 0)
    .option('--subscriber <id>', 'durable subscriber id: a later watch with it resumes after the last acknowledged index')
    .option('--count <n>', 'exit after n updates', positiveInt('--count'))
    .action(async (o: { kind: 'mesh' | 'node' | 'db'; from: number; subscriber?: string; count?: number }) => {
      const limit = o.count ?? Infinity;
      let n = 0;
      const sub = client().subscribeUpdates(o.kind, {
        fromIndex: o.from, subscriberId: o.subscriber,
        onUpdates: (us) => {
          for (const u of us) {
            if (n >= limit) break;
            n++;
            const l = updateLine(o.kind, u);
            out(l.obj, l.text);
          }
          if (n >= limit) setImmediate(() => { sub.close(); process.exit(0); });
        },
      });
      await sub.done;
    });

  program.command('watch').description('print mesh events as this node sees them (WatchMeshEvents, admin): members, links, routes, leader, health, streams')
    .option('--kind <kinds>', 'comma-separated kinds (e.g. LINK_DOWN,MEMBER_DEAD); default: all')
    .option('--count <n>', 'exit after n events', positiveInt('--count'))
    .action(async (o: { kind?: string; count?: number }) => {
      const kinds = (o.kind ?? '').split(',').map((k) => k.trim().toUpperCase()).filter(Boolean) as MeshEventKind[];
      let n = 0;
      const sub = client().watchEvents(kinds, (e) => {
        if (o.count !== undefined && n >= o.count) return;
        n++;
        const fields = Object.entries(e).filter(([k, v]) => k !== 'kind' && k !== 'at_ms' && v !== '' && v !== 0 && v !== 'HEALTH_UNSPECIFIED' && !(Array.isArray(v) && v.length === 0));
        out(e, `${new Date(e.at_ms).toISOString()} ${e.kind} ${fields.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ')}`);
        if (o.count !== undefined && n >= o.count) setImmediate(() => { sub.close(); process.exit(0); });
      });
      await sub.done;
    });

  const db = program.command('db').description('the replicated internal DB (SendInternalDBUpdate; watch with `update watch --kind db`)');
  db.command('put').description('put a key').argument('<table>').argument('<key>').argument('[value]').option('--stdin', 'the value is the whole of stdin')
    .action(async (table: string, key: string, value: string | undefined, o: { stdin?: boolean }) => {
      const r = await client().sendDbUpdate(table, key, 'PUT', await payloadOf(value, o.stdin));
      out(r, `committed at index ${r.index}`);
    });
  db.command('delete').description('delete a key').argument('<table>').argument('<key>')
    .action(async (table: string, key: string) => {
      const r = await client().sendDbUpdate(table, key, 'DELETE', Buffer.alloc(0));
      out(r, `committed at index ${r.index}`);
    });

  program.command('join-policy').description('set the mesh\'s join policy (SetJoinPolicy, admin)')
    .addArgument(new Argument('<policy>', 'OPEN, KEY_REQUIRED or CLOSED').choices(['OPEN', 'KEY_REQUIRED', 'CLOSED']))
    .option('--key <key>', 'the join key (KEY_REQUIRED)')
    .action(async (policy: 'OPEN' | 'KEY_REQUIRED' | 'CLOSED', o: { key?: string }) => {
      const r = await client().setJoinPolicy(policy, o.key ?? '');
      out(r, `join policy ${policy} committed at index ${r.index}`);
    });
  program.command('leave').description('take this node out of the mesh (LeaveMesh): it leaves the control group, closes its links and forgets the membership')
    .action(async () => {
      out(await client().leave(), 'left the mesh');
    });
  program.command('evict').description('remove a member for good (EvictNode, admin; allowed while CRITICAL, e.g. for a dead voter)')
    .argument('<node>').option('--reason <text>', 'why (recorded with the eviction)')
    .action(async (node: string, o: { reason?: string }) => {
      const r = await client().evict(node, o.reason ?? '');
      out(r, `${node} evicted at index ${r.index}`);
    });
}
