/**
 * The shipped Prometheus configuration and Grafana dashboard against a running mesh: Debian's
 * `prometheus` (installed by .ci/run) scrapes the three nodes of a line with
 * deploy/prometheus/prometheus.yml (targets and token files pointed at this mesh), and every query
 * of deploy/grafana/meshd.json returns series.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { payloads, startLine, waitFor, type Line } from '../helpers/cluster.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let line: Line;
let dir: string;
let prom: ChildProcess | null = null;

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

before(async () => {
  line = await startLine();
  dir = mkdtempSync(join(tmpdir(), 'meshd-prom-'));
});
after(async () => {
  prom?.kill('SIGKILL');
  await line?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('Prometheus scrapes every node with the shipped configuration, and every query of the Grafana dashboard returns series', async () => {
  const bin = spawnSync('prometheus', ['--version']);
  assert.equal(bin.status, 0, 'Debian\'s prometheus is needed (apt-get install prometheus; .ci/run installs it)');
  type Job = { job_name: string; authorization: { credentials_file: string }; static_configs: Array<{ targets: string[]; labels: { node: string } }> };
  const cfg = parseYaml(readFileSync(join(ROOT, 'deploy', 'prometheus', 'prometheus.yml'), 'utf8')) as { global: Record<string, string>; scrape_configs: Job[] };
  const nodes = { hub: line.hub, worker: line.worker, trainer: line.trainer };
  cfg.global.scrape_interval = '1s';
  for (const job of cfg.scrape_configs) {
    const n = nodes[job.static_configs[0].labels.node as keyof typeof nodes];
    assert.ok(n, `job ${job.job_name} names a node of the demo`);
    job.static_configs[0].targets = [n.metricsUrl.replace('http://', '')];
    job.authorization.credentials_file = n.files!.tokenFile;
  }
  writeFileSync(join(dir, 'prometheus.yml'), stringifyYaml(cfg));
  const port = await freePort();
  prom = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
  const query = async (q: string) => {
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`);
    const body = (await r.json()) as { status: string; error?: string; data?: { result: unknown[] } };
    if (body.status !== 'success') throw new Error(`${q}: ${body.error}`);
    return body.data!.result;
  };
  // Traffic, so stream, delivery and link series have values.
  const streamId = await line.h.openStream('prom', ['trainer']);
  await line.h.publish(streamId, payloads(0, 20), 'TARGETS_STORED');
  await waitFor(async () => (await query('up == 1')).length === 3, 'all three nodes scraped', 60_000);
  await new Promise((r) => setTimeout(r, 4000)); // several scrapes, for rate()
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy', 'grafana', 'meshd.json'), 'utf8')) as { panels: Array<{ title: string; targets?: Array<{ expr: string }> }> };
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
  assert.ok(exprs.length >= 20);
  const empty: string[] = [];
  for (const e of exprs) if ((await query(e.expr)).length === 0) empty.push(`${e.panel}: ${e.expr}`);
  assert.deepEqual(empty, [], 'dashboard queries without series');
  // The per-stream series need the admin token the shipped configuration presents.
  assert.ok((await query(`meshd_stream_lag_messages{stream="${streamId}"}`)).length > 0);
  // The source's send window, with a round trip measured by the acks of the publish above.
  assert.ok((await query(`meshd_stream_window_bytes{stream="${streamId}"} > 0`)).length > 0);
  assert.ok((await query(`meshd_stream_srtt_ms{stream="${streamId}"} > 0`)).length > 0);
});
