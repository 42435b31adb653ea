import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { metric, startLine, waitFor, type Line } from '../helpers/cluster.js';

let line: Line | undefined;
afterEach(async () => { await line?.stop(); line = undefined; });

const members = (url: string, status: string) => metric(url, `meshd_members{status="${status}"}`);

test('SWIM over real processes: a frozen node is declared dead by the others; when it thaws it refutes and is alive again', async () => {
  line = await startLine();
  const { hub, worker, trainer } = line;
  await waitFor(async () => (await members(hub.metricsUrl, 'alive')) === 3 && (await members(trainer.metricsUrl, 'alive')) === 3, 'all alive');
  trainer.signal('SIGSTOP');
  try {
    await waitFor(async () => (await members(hub.metricsUrl, 'dead')) === 1 && (await members(worker.metricsUrl, 'dead')) === 1, 'trainer declared dead', 40_000);
    assert.equal(await members(hub.metricsUrl, 'alive'), 2);
    assert.ok((await metric(hub.metricsUrl, 'meshd_member_changes_total{status="dead"}')) >= 1);
  } finally {
    trainer.signal('SIGCONT');
  }
  await waitFor(async () => (await members(hub.metricsUrl, 'alive')) === 3 && (await members(worker.metricsUrl, 'alive')) === 3, 'trainer alive again', 60_000);
  assert.equal(await members(trainer.metricsUrl, 'dead'), 0, 'the thawed node declared nobody dead for good');
  assert.ok(/member declared dead \(SWIM\)/.test(hub.logs()), 'the hub logged the death');
});
