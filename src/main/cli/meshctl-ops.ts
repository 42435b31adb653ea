/**
 * meshctl's operator commands over MeshService links and stream closing, MeshControl and
 * SupervisorControl (README "CLI"): `link add|drop|full`, `close`, `session list|add|drop`, `routes`, `topology`, `messages`,
 * `consensus state|check`, `policy set|get|list|delete`, `settings set|show`, and `node health|metrics|config|logs|start|stop`. Each prints text,
 * or with `--json` the answer as the API gives it.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { MeshClient } from '../api/grpc/client.js';
import type { OpsClient } from '../api/grpc/ops-client.js';
import { positiveInt } from './args.js';

type Out = (obj: unknown, text: string) => void;

const f2 = (x: number) => x.toFixed(2);

/** Adds the operator commands to `program`. */
export function addOpsCommands(program: Command, client: () => MeshClient, ops: () => OpsClient, out: Out): void {
  const timeout = () => new Option('--timeout <ms>', 'how long to wait (ms)').argParser(positiveInt('--timeout', 1)).default(10_000);

  const link = program.command('link').description('links to other nodes (AddLink, DropLink, EstablishFullLinks)');
  link.command('add').description('dial a member\'s mesh address and keep it dialed (also after restarts)').argument('<address>', 'host:port').addOption(timeout())
    .action(async (address: string, o: { timeout: number }) => {
      const r = await client().addLink(address, o.timeout);
      out(r, `linked to ${r.peer} (link ${r.link_id})`);
    });
  link.command('drop').description('unlink a neighbor: stop dialing it, close its lanes, refuse its links until `link add`').argument('<node>')
    .action(async (peer: string) => {
      const r = await client().dropLink(peer);
      out(r, `unlinked ${peer} (${r.lanes_closed} lanes closed)`);
    });
  link.command('full').description('link to every node this one knows of (EstablishFullLinks)').addOption(timeout())
    .action(async (o: { timeout: number }) => {
      const rs = await client().establishFullLinks(o.timeout);
      out({ results: rs }, rs.map((r) => `${r.peer.padEnd(16)} ${r.address.padEnd(22)} ${r.ok ? (r.existed ? 'linked already' : 'linked') : `failed: ${r.error}`}`).join('\n') || '(no other nodes known)');
      if (rs.some((r) => !r.ok)) process.exitCode = 1;
    });

  program.command('close').description('close a stream at its source (CloseClientDataStream): no more publishes; answered once every target stored everything')
    .argument('<stream-id>').addOption(new Option('--timeout <ms>', 'how long to wait (ms)').argParser(positiveInt('--timeout', 1)).default(30_000))
    .action(async (streamId: string, o: { timeout: number }) => {
      const lastSeq = await client().closeStream(streamId, o.timeout);
      out({ stream_id: streamId, last_seq: lastSeq }, `stream ${streamId} closed after seq ${lastSeq}; each target deletes it once its subscriber consumed it`);
    });

  const session = program.command('session').description('the lanes (WebSocket connections) of each link (GetSessions, AddSession, DropSession)');
  session.command('list').description('each neighbor with its lanes').action(async () => {
    const ss = await ops().sessions();
    out({ sessions: ss }, ss.map((s) => [
      `${s.peer} ${s.outbound ? `out ${s.address}` : 'in'}${s.dialed ? ' (dialed)' : ''}`,
      ...s.lanes.map((l) => `  lane ${l.lane} link ${l.link_id} rtt ${f2(l.rtt_ms)} ms bw ${f2(l.bw_mbps)} Mbit/s loss ${f2(l.loss)} queue ${l.queue_bytes} B in ${l.bytes_in} out ${l.bytes_out}`),
    ].join('\n')).join('\n') || '(no links)');
  });
  session.command('add').description('open one more lane to a neighbor this node dialed').argument('<node>').argument('<lane>', 'lane index', positiveInt('lane', 0)).addOption(timeout())
    .action(async (peer: string, lane: number, o: { timeout: number }) => {
      const r = await ops().addSession(peer, lane, o.timeout);
      out(r, `lane ${lane} to ${peer} up (link ${r.link_id})`);
    });
  session.command('drop').description('close one lane by link id (a lane the node wants is dialed again)').argument('<link-id>', 'link id (session list)', positiveInt('link-id', 0))
    .action(async (linkId: number) => {
      const r = await ops().dropSession(linkId);
      out(r, `closed lane ${r.lane} to ${r.peer}`);
    });

  program.command('routes').description('the routing table: each destination, its k paths per class, the multipath scheduler\'s paths and weights').action(async () => {
    const t = await ops().routingTable();
    out(t, [`scheduler ${t.scheduler} k ${t.k}`, ...t.routes.map((r) => [
      `${r.destination} via ${r.next_hop} cost ${f2(r.cost)} hops ${r.hops}`,
      ...r.classes.map((c) => `  ${c.class.padEnd(8)} ${c.paths.map((p) => `${p.nodes.join('>')} (${f2(p.cost)})`).join('  ')}`),
      ...r.multipath.map((m) => `  multipath ${m.nodes.join('>')} weight ${f2(m.weight)} rtt ${f2(m.rtt_ms)} ms bw ${f2(m.bw_mbps)} Mbit/s`),
    ].join('\n'))].join('\n'));
  });
  program.command('topology').description('the whole graph from the link-state database: nodes and advertised edges').action(async () => {
    const t = await ops().topology();
    out(t, [
      'nodes:', ...t.nodes.map((n) => `  ${n.node_id.padEnd(16)} ${n.address.padEnd(22)} seq ${n.lsa_seq} ${n.self ? 'self' : n.gone ? 'gone' : n.reachable ? 'reachable' : 'unreachable'}`),
      'edges:', ...t.edges.map((e) => `  ${e.from} -> ${e.to} rtt ${f2(e.rtt_ms)} ms bw ${f2(e.bw_mbps)} Mbit/s loss ${f2(e.loss)} util ${f2(e.util)} weight ${e.weight}`),
    ].join('\n'));
  });
  program.command('messages').description('message counters (published, delivered, retransmitted, dropped, deduplicated, forwarded) and stream lag').action(async () => {
    const m = await ops().messageMetrics();
    const label = (l: Record<string, string>) => Object.entries(l).map(([k, v]) => `${k}=${v}`).join(',');
    out(m, [
      ...m.counters.map((c) => `${c.name}${Object.keys(c.labels).length ? `{${label(c.labels)}}` : ''} ${c.value}`),
      'streams:', ...m.streams.map((s) => `  ${s.stream_id} ${s.role} lag ${s.lag}`),
    ].join('\n'));
  });

  const consensus = program.command('consensus').description('the Mesh Control Group (GetConsensusState, TriggerConsensusCheck)');
  consensus.command('state').description('term, leader, indexes and each member\'s progress').action(async () => {
    const s = await ops().consensusState();
    out(s, [
      `term ${s.term} leader ${s.leader || '(none)'} role ${s.role} commit ${s.commit_index} applied ${s.applied_index} log ${s.first_index}..${s.last_index} snapshot ${s.snapshot_index}${s.recovering ? ' RECOVERING' : ''}`,
      ...s.members.map((m) => `  ${m.node_id.padEnd(16)} ${m.role.padEnd(8)} match ${m.match_index} lag ${m.lag_entries} ${m.reachable ? 'reachable' : 'UNREACHABLE'} ${m.address}`),
    ].join('\n'));
  });
  consensus.command('check').description('compare every member\'s log and applied state by digest').addOption(timeout())
    .action(async (o: { timeout: number }) => {
      const r = await ops().consensusCheck(o.timeout);
      out(r, [
        `check ${r.check_id} at index ${r.index}: ${r.consistent ? 'consistent' : 'DIVERGED'}${r.complete ? '' : ' (not every member answered)'}`,
        ...r.members.map((m) => `  ${m.node_id.padEnd(16)} ${m.answered ? `${m.agrees ? 'agrees' : 'DIFFERS'} state ${m.state_digest.slice(0, 16)} log ${m.log_digest.slice(0, 16) || '(compacted)'}` : 'no answer'}`),
      ].join('\n'));
      if (!r.consistent || !r.complete) process.exitCode = 1;
    });

  const policy = program.command('policy').description('per-domain QoS policies in the Mesh Control Group (SetPolicy, GetPolicy, ListPolicies, DeletePolicy)');
  const policyText = (p: { domain: string; priority_weight: number; max_pending: number; max_in_flight: number; breaker_failures: number; breaker_open_ms: number; index: number }) =>
    `${p.domain.padEnd(16)} weight ${p.priority_weight}% max_pending ${p.max_pending || '-'} max_in_flight ${p.max_in_flight || '-'} breaker ${p.breaker_failures ? `${p.breaker_failures} failures, open ${p.breaker_open_ms} ms` : '-'} (index ${p.index})`;
  policy.command('set').description('set the policy of a domain (a tenant id, or * for every tenant without its own)').argument('<domain>')
    .option('--weight <percent>', 'percent of the stream send window (1-100)', positiveInt('--weight', 1), 100)
    .option('--max-pending <n>', 'most unacknowledged messages per node (0: no limit)', positiveInt('--max-pending', 0), 0)
    .option('--max-in-flight <n>', 'most publish requests in progress per node (0: no limit)', positiveInt('--max-in-flight', 0), 0)
    .option('--breaker-failures <n>', 'consecutive failed publishes that open the circuit (0: no breaker)', positiveInt('--breaker-failures', 0), 0)
    .option('--breaker-open-ms <ms>', 'how long an open circuit refuses publishes', positiveInt('--breaker-open-ms', 100), 5000)
    .action(async (domain: string, o: { weight: number; maxPending: number; maxInFlight: number; breakerFailures: number; breakerOpenMs: number }) => {
      const index = await ops().setPolicy({
        domain, priority_weight: o.weight, max_pending: o.maxPending, max_in_flight: o.maxInFlight, breaker_failures: o.breakerFailures, breaker_open_ms: o.breakerOpenMs,
      });
      out({ index }, `policy of ${domain} committed at index ${index}`);
    });
  policy.command('get').description('the policy of a domain').argument('<domain>').action(async (domain: string) => {
    const p = await ops().getPolicy(domain);
    out(p, policyText(p));
  });
  policy.command('list').description('every policy').action(async () => {
    const ps = await ops().listPolicies();
    out({ policies: ps }, ps.map(policyText).join('\n') || '(no policies)');
  });
  policy.command('delete').description('remove the policy of a domain').argument('<domain>').action(async (domain: string) => {
    const index = await ops().deletePolicy(domain);
    out({ index }, `policy of ${domain} deleted at index ${index}`);
  });

  const settings = program.command('settings').description('mesh-wide live settings (a mesh update of topic meshd.settings that every node applies)');
  settings.command('set').description('set mesh-wide values, e.g. `log.level=debug streams.windowMessages=2048` (path= removes one)').argument('<path=value...>')
    .action(async (pairs: string[]) => {
      const values: Record<string, string | number | boolean | null> = {};
      for (const p of pairs) {
        const i = p.indexOf('=');
        if (i <= 0) throw new MeshError(ErrorCode.InvalidArgument, `${p}: expected path=value`);
        const raw = p.slice(i + 1);
        values[p.slice(0, i)] = raw === '' ? null : raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      }
      const r = await client().sendMeshUpdate('meshd.settings', Buffer.from(JSON.stringify(values)));
      out(r, `mesh-wide settings committed at index ${r.index}`);
    });
  settings.command('show').description('the mesh-wide settings the control group carries').action(async () => {
    const c = await ops().config();
    const s = JSON.parse(c.mesh_settings || '{}') as Record<string, unknown>;
    out(s, Object.entries(s).map(([k, v]) => `${k}=${String(v)}`).join('\n') || '(none: every node uses its own configuration)');
  });

  const node = program.command('node').description('the node process (SupervisorControl): health, metrics, config, logs, start, stop');
  node.command('health').description('liveness, readiness with reasons, health, leader, version, uptime').action(async () => {
    const h = await ops().health();
    out(h, `${h.node_id} ${h.ready ? 'ready' : `NOT READY (${h.reasons.join('; ')})`} health ${h.health}${h.unreachable.length ? ` unreachable: ${h.unreachable.join(', ')}` : ''} leader ${h.leader || '(none)'} term ${h.term} version ${h.version} up ${h.uptime_s.toFixed(0)} s`);
    if (!h.ready) process.exitCode = 1;
  });
  node.command('metrics').description('every metric sample as key value').option('--prefix <prefix>', 'only names starting with it', '')
    .action(async (o: { prefix: string }) => {
      const ms = await ops().metrics(o.prefix);
      out({ metrics: ms }, ms.map((m) => `${m.key} ${m.value}`).join('\n'));
    });
  node.command('config').description('the effective configuration, secrets redacted').action(async () => {
    const c = await ops().config();
    out({ config: JSON.parse(c.json) as unknown, redacted: c.redacted }, c.json);
  });
  node.command('logs').description('the node\'s log lines (JSON): the last --tail, then live with --follow')
    .addOption(new Option('--level <level>', 'lowest level shown').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'))
    .option('--tail <n>', 'last lines first (at most 1000)', positiveInt('--tail', 0), 100)
    .option('--follow', 'keep printing new lines until interrupted')
    .action(async (o: { level: string; tail: number; follow?: boolean }) => {
      let idle: NodeJS.Timeout | undefined;
      const sub = ops().logs(o.level, o.tail, (l) => {
        process.stdout.write(l.line + '\n');
        if (!o.follow) {
          clearTimeout(idle);
          idle = setTimeout(() => sub.close(), 200);
        }
      });
      if (!o.follow) idle = setTimeout(() => sub.close(), 500);
      await sub.done;
    });
  node.command('start').description('bring the node back into its mesh (StartMesh)').action(async () => {
    const r = await ops().start();
    out(r, `started in mesh ${r.mesh_id}; dialing ${r.dialing.join(', ') || '(no peers)'}`);
  });
  node.command('stop').description('take the node out of its mesh (StopMesh), or with --exit stop the process gracefully')
    .option('--exit', 'stop the meshd process (as SIGTERM does)')
    .action(async (o: { exit?: boolean }) => {
      await ops().stop(!!o.exit);
      out({}, o.exit ? 'the node is stopping' : 'stopped (StopMesh); `meshctl node start` brings it back');
    });
}
