/**
 * The live status page in a real browser: Debian's Chromium driven by playwright-core. The page at
 * the middle node of a three-node line shows three nodes and two links; a cut link (its far node
 * killed) turns red within two seconds; a screenshot is saved under the test's temporary
 * directory. Its data needs an admin token: none gets 401, a tenant's 403.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startLineMesh } from '../../src/main/cli/local-mesh.js';

/** Debian's chromium (.ci/run installs it); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

test('the status page shows the mesh live: three nodes, two links, a cut link red within two seconds; admin token required', async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM_PATH)`);
  const dir = mkdtempSync(join(tmpdir(), 'meshd-ui-'));
  const mesh = await startLineMesh(dir, ['a', 'b', 'c']);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const b = mesh.nodes[1];
    // The data is for admins only.
    assert.equal((await fetch(`${b.metricsUrl}/ui/data`)).status, 401);
    assert.equal((await fetch(`${b.metricsUrl}/ui/data`, { headers: { authorization: 'Bearer forged.token.here' } })).status, 401);
    const tenant = (await mesh.clients[1].createToken({ subject: 'app', role: 'subscriber', tenant: 't', ttlMs: 60_000 })).token;
    assert.equal((await fetch(`${b.metricsUrl}/ui/events`, { headers: { authorization: `Bearer ${tenant}` } })).status, 403);
    const html = await fetch(`${b.metricsUrl}/ui`);
    assert.equal(html.status, 200);
    assert.ok(!(await html.text()).includes(b.credentials().token));

    const page = await browser.newPage();
    // Without a token the page asks for one; a tenant's token is refused.
    await page.goto(`${b.metricsUrl}/ui`);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('#token', tenant);
    await page.click('#login button');
    await page.waitForSelector('#login-error:has-text("refused")');
    // With the admin token: three nodes, two links up, the control group and the paths.
    await page.fill('#token', b.credentials().token);
    await page.click('#login button');
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      return doc.querySelectorAll('g.node').length === 3 && doc.querySelectorAll('line.link[data-state="up"]').length === 2;
    }, undefined, { timeout: 20_000 });
    assert.deepEqual(await page.$$eval('line.link', (ls) => ls.map((l) => l.getAttribute('data-link')).sort()), ['a|b', 'b|c']);
    assert.equal(await page.$$eval('#consensus tr[data-member]', (rs) => rs.length), 3);
    assert.ok((await page.textContent('#paths'))!.includes('b → c'));
    assert.equal(await page.textContent('#health'), 'HEALTHY');
    const shot = join(dir, 'status-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(statSync(shot).size > 1000);
    // Cut the link b-c: c dies; the link turns red within two seconds.
    await mesh.nodes[2].kill('SIGKILL');
    // (attached, not visible: a horizontal SVG line has an empty bounding box)
    await page.waitForSelector('line.link[data-link="b|c"][data-state="down"]', { state: 'attached', timeout: 2000 });
    assert.equal(await page.$$eval('line.link[data-state="up"]', (ls) => ls.length), 1);
    await page.screenshot({ path: join(dir, 'status-page-cut.png'), fullPage: true });
  } finally {
    await browser.close();
    await mesh.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
