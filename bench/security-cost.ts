/**
 * security-cost: the price of security, as a ratio. Runs e2e-messages (256-byte messages, 1 and 2
 * hops, full load) and e2e-bulk (1 and 2 hops) with security on and with `--insecure-dev-only`
 * (same build), alternately in the same run, and prints one JSON line with both figures and
 * secure / insecure for each.
 *
 *   node dist/bench/security-cost.js [--messages 100000] [--mib 256] [--rounds 2] [--baseline DIR]
 *
 * `--insecure-dev-only` turns off what costs per frame and per message: pair tags on routed frames
 * and tenant sealing. Links keep mutual TLS, LSAs stay signed and the API keeps TLS and tokens.
 * `--baseline DIR` compares with another built checkout instead (for example 89ed961, the last
 * commit before links were TLS and frames tagged), which shows the whole cost including TLS.
 *
 * Targets (issue "Trust"): messages keep >= 90 % of the insecure msgs/s, bulk >= 80 %.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { machine } from './common.js';

const run = promisify(execFile);
const arg = (name: string, dflt: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const here = join(fileURLToPath(import.meta.url), '..', '..', '..');

interface Figures { msgs1: number; msgs2: number; bulk1: number; bulk2: number }

async function messages(root: string, n: number, extra: string[]): Promise<Pick<Figures, 'msgs1' | 'msgs2'>> {
  const m = last((await run(process.execPath, [join(root, 'dist/bench/e2e-messages.js'), '--messages', String(n), '--seconds', '1', ...extra], { maxBuffer: 1 << 26 })).stdout);
  return { msgs1: m['1hop'].fullLoad!.msgsPerSec, msgs2: m['2hop'].fullLoad!.msgsPerSec };
}

async function bulk(root: string, mib: number, extra: string[]): Promise<Pick<Figures, 'bulk1' | 'bulk2'>> {
  const b = last((await run(process.execPath, [join(root, 'dist/bench/e2e-bulk.js'), '--mib', String(mib), '--no-warm', ...extra], { maxBuffer: 1 << 26 })).stdout);
  return { bulk1: b['1hop'].gbitPerSec!, bulk2: b['2hop'].gbitPerSec! };
}

function last(s: string): Record<string, { fullLoad?: { msgsPerSec: number }; gbitPerSec?: number }> {
  return JSON.parse(s.trim().split('\n').pop()!) as Record<string, { fullLoad?: { msgsPerSec: number }; gbitPerSec?: number }>;
}

const mean = (xs: Figures[], k: keyof Figures) => xs.reduce((a, x) => a + x[k], 0) / xs.length;

const baseline = arg('--baseline', '');
const count = Number(arg('--messages', '100000'));
const mib = Number(arg('--mib', '256'));
const rounds = Number(arg('--rounds', '2'));
const insecureRoot = baseline || here;
const insecureArgs = baseline ? [] : ['--insecure-dev-only'];
// Message runs first, then bulk runs (a bulk run leaves disk writeback behind that slows what
// follows); within each round the side that goes first alternates, so order favours neither.
const secure: Figures[] = [];
const base: Figures[] = [];
const m: Array<[Pick<Figures, 'msgs1' | 'msgs2'>, Pick<Figures, 'msgs1' | 'msgs2'>]> = [];
for (let i = 0; i < rounds; i++) {
  if (i % 2 === 0) {
    const b = await messages(insecureRoot, count, insecureArgs);
    m.push([await messages(here, count, []), b]);
  } else {
    const s = await messages(here, count, []);
    m.push([s, await messages(insecureRoot, count, insecureArgs)]);
  }
}
for (let i = 0; i < rounds; i++) {
  let s: Pick<Figures, 'bulk1' | 'bulk2'>;
  let b: Pick<Figures, 'bulk1' | 'bulk2'>;
  if (i % 2 === 0) {
    b = await bulk(insecureRoot, mib, insecureArgs);
    s = await bulk(here, mib, []);
  } else {
    s = await bulk(here, mib, []);
    b = await bulk(insecureRoot, mib, insecureArgs);
  }
  secure.push({ ...m[i][0], ...s });
  base.push({ ...m[i][1], ...b });
}
const messagesCount = count;
const out: Record<string, unknown> = { bench: 'security-cost', baseline: baseline || '--insecure-dev-only', messages: messagesCount, mib, rounds, secure, insecure: base };
for (const k of ['msgs1', 'msgs2', 'bulk1', 'bulk2'] as const) out[`ratio_${k}`] = Math.round((mean(secure, k) / mean(base, k)) * 100) / 100;
console.log(JSON.stringify({ ...out, machine: machine() }));
