/**
 * OpenTelemetry traces against a collector of our own (an OTLP/HTTP JSON endpoint on
 * 127.0.0.1): one sampled publish at a, through the transit node b, stored and delivered at c,
 * gives one trace: `meshd.publish` at a, and under it `meshd.forward` at b, `meshd.store` and
 * `meshd.deliver` at c, each naming the stream and message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLineMesh } from '../../src/main/cli/local-mesh.js';
import { collect, payloads, waitFor } from '../helpers/cluster.js';

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean }
interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes: Array<{ key: string; value: OtlpValue }> }
interface OtlpExport { resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: OtlpValue }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> }

/** A span as the collector got it, with its node (resource service.instance.id) and attributes. */
interface Got { node: string; name: string; traceId: string; spanId: string; parent: string; attrs: Record<string, string> }

test('a sampled publish is one trace from publish through the transit hop to store and delivery', async () => {
  const spans: Got[] = [];
  const collector = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const e = JSON.parse(body) as OtlpExport;
      for (const rs of e.resourceSpans) {
        const node = rs.resource.attributes.find((a) => a.key === 'service.instance.id')?.value.stringValue ?? '';
        for (const ss of rs.scopeSpans) for (const s of ss.spans) {
          spans.push({
            node, name: s.name, traceId: s.traceId, spanId: s.spanId, parent: s.parentSpanId ?? '',
            attrs: Object.fromEntries(s.attributes.map((a) => [a.key, String(a.value.stringValue ?? a.value.intValue ?? a.value.boolValue)])),
          });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(collector.address() as { port: number }).port}/v1/traces`;
  const dir = mkdtempSync(join(tmpdir(), 'meshd-trace-'));
  const mesh = await startLineMesh(dir, ['a', 'b', 'c'], { extraArgs: ['--otlp-endpoint', url, '--trace-sample-ratio', '1'] });
  try {
    const [ca, , cc] = mesh.clients;
    const streamId = await ca.openStream('traced', ['c']);
    const r = await ca.publish(streamId, payloads(0, 3), 'TARGETS_STORED');
    assert.deepEqual(await collect(cc, streamId, 'traced', 3), ['msg-0', 'msg-1', 'msg-2']);
    const publish = await waitFor(() => spans.find((s) => s.name === 'meshd.publish' && s.attrs['meshd.stream_id'] === streamId), 'the publish span', 30_000);
    assert.equal(publish.node, 'a');
    assert.equal(publish.attrs['meshd.first_seq'], String(r.first_seq));
    const inTrace = () => spans.filter((s) => s.traceId === publish.traceId && s.name !== 'meshd.publish');
    await waitFor(() => (['meshd.forward', 'meshd.store', 'meshd.deliver'].every((n) => inTrace().filter((s) => s.name === n).length >= (n === 'meshd.forward' ? 1 : 3)) ? true : undefined), 'the hop, store and deliver spans', 30_000);
    const hops = inTrace();
    assert.ok(hops.every((s) => s.parent === publish.spanId), 'every hop span is a child of the publish span');
    assert.deepEqual([...new Set(hops.filter((s) => s.name === 'meshd.forward').map((s) => s.node))], ['b'], 'the transit hop is b');
    assert.deepEqual(hops.filter((s) => s.name === 'meshd.store').map((s) => s.attrs['meshd.seq']).sort(), ['1', '2', '3']);
    assert.ok(hops.filter((s) => s.name !== 'meshd.forward').every((s) => s.node === 'c' && s.attrs['meshd.stream_id'] === streamId));
    assert.deepEqual(hops.filter((s) => s.name === 'meshd.deliver').map((s) => s.attrs['meshd.message_id']).sort(), [...r.message_ids].sort());
  } finally {
    await mesh.stop();
    collector.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
