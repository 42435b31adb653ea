#!/usr/bin/env node
/**
 * `meshctl`: operates a mesh through a node's gRPC API. `--node host:port` (or MESHCTL_NODE)
 * picks the node; `--ca-file` (MESHCTL_CA_FILE, the node's `identity/api.crt`) is the certificate
 * to trust and `--token-file` (MESHCTL_TOKEN_FILE, e.g. the node's `admin.token`) the bearer
 * token; `--json` prints one JSON object per result for scripts. Errors print their meshd code
 * (`meshctl: CODE: message`, or `{"error":{...}}` with `--json`) and exit 1; usage errors print
 * ERR_INVALID_ARGUMENT the same way and exit 2.
 */
import { Command, Option, type CommanderError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { MeshClient, credentialsFromFiles, type MeshStatus } from '../api/grpc/client.js';
import { receiveFile, sendFile } from './file-transfer.js';
import { publishLines } from './line-publisher.js';
import { positiveInt } from './args.js';
import { addControlCommands } from './meshctl-control.js';
import { addOpsCommands } from './meshctl-ops.js';
import { OpsClient } from '../api/grpc/ops-client.js';
import { bashCompletion } from './completion.js';
import { addSecurityCommands } from './meshctl-security.js';
import { MESHD_VERSION } from '../node/version.js';
import { tuneHeap } from './heap.js';

const program = new Command('meshctl')
  .description('Operate a meshd mesh through a node\'s gRPC API')
  .option('--node <address>', 'gRPC address of the node', process.env.MESHCTL_NODE ?? '127.0.0.1:9101')
  .option('--ca-file <file>', 'certificate the node\'s API must present (its identity/api.crt)', process.env.MESHCTL_CA_FILE ?? '')
  .option('--token-file <file>', 'bearer token to present (e.g. the node\'s admin.token)', process.env.MESHCTL_TOKEN_FILE ?? '')
  .option('--json', 'print JSON for scripts', false)
  .version(MESHD_VERSION, '-V, --version', 'print meshctl\'s version')
  .configureOutput({ writeErr: () => undefined })
  .exitOverride(usageExit);

/**
 * Commander's exits: help and version exit 0; a usage error (unknown command or option, missing
 * argument) prints in meshctl's error format, `meshctl: ERR_INVALID_ARGUMENT: message` or with
 * `--json` `{"error":{"code":"ERR_INVALID_ARGUMENT","message":...}}`, and exits 2.
 */
function usageExit(err: CommanderError): never {
  if (err.exitCode === 0) process.exit(0);
  const message = err.message.replace(/^error: /, '');
  const asJson = process.argv.includes('--json');
  process.stderr.write(asJson ? JSON.stringify({ error: { code: ErrorCode.InvalidArgument, message } }) + '\n' : `meshctl: ${ErrorCode.InvalidArgument}: ${message} (meshctl --help)\n`);
  process.exit(2);
}

function client(producerId?: string): MeshClient {
  const o = program.opts<{ node: string; caFile: string; tokenFile: string }>();
  return new MeshClient(o.node, credentialsFromFiles(o.caFile, o.tokenFile), { producerId });
}
function ops(): OpsClient {
  const o = program.opts<{ node: string; caFile: string; tokenFile: string }>();
  return new OpsClient(o.node, credentialsFromFiles(o.caFile, o.tokenFile));
}
function json(): boolean {
  return program.opts<{ json: boolean }>().json;
}
function out(obj: unknown, text: string): void {
  process.stdout.write((json() ? JSON.stringify(obj) : text) + '\n');
}

function statusText(s: MeshStatus): string {
  const c = s.consensus;
  const lines = [
    `mesh ${s.mesh_id || '(none)'} "${s.mesh_name}" policy=${s.join_policy} active=${s.active}`, `self ${s.self?.node_id} ${s.self?.address}`,
    `health ${s.health}${s.unreachable.length ? ` unreachable: ${s.unreachable.join(', ')}` : ''}`,
    c ? `control group: leader ${c.leader || '(none)'} term ${c.term} role ${c.role} commit ${c.commit_index} applied ${c.applied_index}` : 'control group: not running here',
  ];
  lines.push('nodes:', ...s.nodes.map((n) => `  ${n.node_id.padEnd(16)} ${n.online ? 'online ' : 'offline'} ${n.address} last seen ${new Date(Number(n.last_seen_ms)).toISOString()}`));
  lines.push('links:', ...s.links.map((l) => `  ${l.peer.padEnd(16)} lane ${l.lane} ${l.up ? 'up' : 'down'} rtt ${l.rtt_ms.toFixed(2)} ms ${l.outbound ? 'out' : 'in '} bytes in ${l.bytes_in} out ${l.bytes_out}`));
  lines.push('routes:', ...s.routes.map((r) => `  ${r.destination.padEnd(16)} via ${r.next_hop.padEnd(16)} cost ${r.cost.toFixed(2)} hops ${r.hops}`));
  lines.push('streams:', ...s.streams.map((x) => x.role === 'source'
    ? `  ${x.stream_id} source tenant=${x.tenant_id} last_seq=${x.last_seq} ${x.targets.map((t) => `${t.node_id}:acked=${t.acked_seq}`).join(' ')}`
    : `  ${x.stream_id} target from=${x.source} received=${x.received_offset} consumed=${x.consumer_offset}`));
  return lines.join('\n');
}

program.command('status').description('mesh, health, control group, nodes, links, routes and streams of the node').action(async () => {
  const s = await client().status();
  out(s, statusText(s));
});

program.command('seed').description('create a mesh with this node as first member')
  .requiredOption('--name <name>', 'mesh name')
  .addOption(new Option('--policy <policy>', 'join policy').choices(['OPEN', 'KEY_REQUIRED', 'CLOSED']))
  .option('--key <key>', 'join key (KEY_REQUIRED)')
  .action(async (o: { name: string; policy?: 'OPEN' | 'KEY_REQUIRED' | 'CLOSED'; key?: string }) => {
    const r = await client().seed(o.name, o.policy ?? 'JOIN_POLICY_UNSPECIFIED', o.key ?? '');
    out(r, `seeded mesh ${r.mesh_id} on ${r.node_id}\nfingerprint ${r.fingerprint} (joining nodes need it: meshctl join ADDRESS --fingerprint ${r.fingerprint})`);
  });

program.command('join').description('join a mesh through a member').argument('<address>', 'mesh address (host:port) of a member')
  .option('--key <key>', 'join key')
  .requiredOption('--fingerprint <sha256:hex>', 'mesh fingerprint (printed by `meshctl seed`, shown by `meshctl status`)')
  .action(async (address: string, o: { key?: string; fingerprint: string }) => {
    const r = await client().join(address, o.key ?? '', o.fingerprint);
    out(r, `joined mesh ${r.mesh_id}; members: ${r.members.map((m) => m.node_id).join(', ')}`);
  });

program.command('start').description('reconnect to known peers').action(async () => {
  const r = await client().start();
  out(r, `mesh ${r.mesh_id} started; dialing ${r.dialing.join(', ') || 'nobody'}`);
});

program.command('stop').description('tell peers and close links (data stays)').action(async () => {
  out(await client().stop(), 'stopped');
});

program.command('open').description('open a client-data stream from this node')
  .requiredOption('--tenant <id>', 'tenant id').requiredOption('--to <nodes>', 'comma-separated target node ids')
  .option('--priority <n>', 'priority 0 (highest) .. 7', positiveInt('--priority', 0), 0)
  .action(async (o: { tenant: string; to: string; priority: number }) => {
    const id = await client().openStream(o.tenant, o.to.split(','), o.priority);
    out({ stream_id: id }, id);
  });

program.command('publish').description('publish messages: the arguments, or with --stdin one per input line as the lines arrive (no limit; works on an endless pipe)')
  .requiredOption('--stream <id>', 'stream id').option('--stdin', 'read one message per line from stdin, publishing batches as lines arrive').option('--wait-targets', 'answer once targets stored them')
  .option('--producer-id <id>', 'idempotent producer id (default: a new one per run); with --request-id, running the same command again publishes nothing twice')
  .option('--request-id <n>', 'request id of this publish for --producer-id (a positive integer; with --stdin, the first batch\'s, then one more per batch)', positiveInt('--request-id'))
  .argument('[messages...]')
  .action(async (messages: string[], o: { stream: string; stdin?: boolean; waitTargets?: boolean; producerId?: string; requestId?: number }) => {
    if ((o.producerId === undefined) !== (o.requestId === undefined)) throw new MeshError(ErrorCode.InvalidArgument, '--producer-id and --request-id go together');
    if (o.stdin && messages.length) throw new MeshError(ErrorCode.InvalidArgument, 'give messages as arguments or with --stdin, not both');
    const c = client(o.producerId);
    const ack = o.waitTargets ? 'TARGETS_STORED' : 'SOURCE_DURABLE';
    const publish = (batch: Buffer[], i: number) => c.publish(o.stream, batch, ack, o.requestId ? { requestId: o.requestId + i } : {});
    const report = (r: Awaited<ReturnType<typeof publish>>) => out(r, r.duplicate ? `already published: ${r.count} message(s) from seq ${r.first_seq} (nothing published again)` : `published ${r.count} message(s) from seq ${r.first_seq}`);
    if (o.stdin) await publishLines(process.stdin, publish, report);
    else report(await publish(messages.map((m) => Buffer.from(m)), 0));
  });

program.command('subscribe').description('print a stream\'s messages at this node, acknowledging them')
  .requiredOption('--stream <id>', 'stream id').requiredOption('--tenant <id>', 'tenant id').option('--count <n>', 'exit after n messages', positiveInt('--count'))
  .action(async (o: { stream: string; tenant: string; count?: number }) => {
    const limit = o.count ?? Infinity;
    let n = 0;
    const sub = client().subscribe({
      streamId: o.stream, tenantId: o.tenant, credits: Math.min(1024, limit),
      onMessages: (msgs, source) => {
        for (const m of msgs) {
          if (n >= limit) break;
          n++;
          out({ seq: m.seq, message_id: m.message_id, source, payload: m.payload.toString('base64') }, `${m.seq}\t${m.message_id}\t${m.payload.toString()}`);
        }
        if (n >= limit) setImmediate(() => { sub.close(); process.exit(0); });
      },
    });
    await sub.done;
  });

program.command('send-file').description('stream a file to a node; prints bytes, BLAKE3 and MB/s')
  .requiredOption('--to <node>', 'target node id').option('--tenant <id>', 'tenant id', 'default').argument('<path>')
  .action(async (path: string, o: { to: string; tenant: string }) => {
    const bar = process.stderr.isTTY && !json() ? new SingleBar({ format: 'sending [{bar}] {percentage}% {value}/{total} bytes' }, Presets.shades_classic) : null;
    let started = false;
    const { statSync } = await import('node:fs');
    const size = statSync(path).size;
    const r = await sendFile(client(), {
      to: o.to, path, tenantId: o.tenant,
      // The stream id goes to stderr at once, so the receiver can start (stdout keeps the result).
      onStream: (id) => process.stderr.write(`sending on stream ${id} (receive with: meshctl receive-file --stream ${id} --tenant ${o.tenant} --out PATH)\n`),
      onProgress: (b) => {
        if (!bar) return;
        if (!started) { bar.start(size, 0); started = true; }
        bar.update(b);
        if (b >= size) { bar.stop(); process.stderr.write(`all bytes handed to the node; waiting until ${o.to} has stored them\n`); }
      },
    });
    bar?.stop();
    out(r, `sent ${r.bytes} bytes on stream ${r.streamId}\nblake3 ${r.blake3}\n${r.mbPerSec.toFixed(1)} MB/s (stored at ${o.to})`);
  });

program.command('receive-file').description('receive a file stream at this node and verify its BLAKE3')
  .requiredOption('--stream <id>', 'stream id').option('--tenant <id>', 'tenant id', 'default').requiredOption('--out <path>', 'where to write it')
  .action(async (o: { stream: string; tenant: string; out: string }) => {
    const r = await receiveFile(client(), { streamId: o.stream, tenantId: o.tenant, out: o.out });
    out(r, `received ${r.bytes} bytes, blake3 ${r.blake3} (verified), ${r.mbPerSec.toFixed(1)} MB/s`);
  });

addSecurityCommands(program, client, out);
addControlCommands(program, client, out);
addOpsCommands(program, client, ops, out);
program.command('completion').description('print a bash completion script (zsh: after `autoload bashcompinit && bashcompinit`); e.g. `source <(meshctl completion)`')
  .action(() => { process.stdout.write(bashCompletion(program, 'meshctl')); });

// send-file and receive-file move bulk data through this process as meshd does (heap.ts).
tuneHeap();
program.parseAsync().then(() => process.exit(0), (err: unknown) => {
  const code = err instanceof MeshError ? err.code : 'ERR_INTERNAL';
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(json() ? JSON.stringify({ error: { code, message } }) + '\n' : `meshctl: ${code}: ${message}\n`);
  process.exit(1);
});
