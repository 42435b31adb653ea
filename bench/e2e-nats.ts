/**
 * e2e-nats: the e2e-messages workload (256 B, exactly once, 1 hop) against meshd and NATS
 * JetStream in the same run, full load and 10k msgs/s offered; reports the ratio meshd / NATS.
 * `node dist/bench/e2e-nats.js [--messages N] [--seconds S]`
 */
import { runMessages } from '../src/main/cli/demo-messages.js';
import { runFixedRate } from '../load/fixed-rate.js';
import { machine, runIfMain, startChain } from './common.js';
import { natsRun, startNats, PUBLISH_WINDOW } from './nats-peer.js';

/** Runs meshd (1 hop) and NATS JetStream (R1, file store) with the same workload. */
export async function run(o = { messages: 200_000, fixedSeconds: 10 }): Promise<object> {
  const chain = await startChain(1);
  let meshd;
  try {
    meshd = {
      fullLoad: await runMessages(chain.src, chain.dst, chain.target, 'bench', o.messages),
      fixed10k: await runFixedRate(chain.src, chain.dst, chain.target, { rate: 10_000, seconds: o.fixedSeconds, size: 256 }),
    };
  } finally {
    await chain.stop();
  }
  const peer = await startNats();
  let nats;
  try {
    nats = {
      version: peer.version, publishWindow: PUBLISH_WINDOW,
      fullLoad: await natsRun(peer, 'FULL', { messages: o.messages, size: 256 }) as { msgsPerSec: number },
      fixed10k: await natsRun(peer, 'FIXED', { messages: 10_000 * o.fixedSeconds, size: 256, rate: 10_000 }),
    };
  } finally {
    await peer.stop();
  }
  const ratio = Math.round((meshd.fullLoad.msgsPerSec / nats.fullLoad.msgsPerSec) * 100) / 100;
  return { bench: 'e2e-nats', size: 256, meshd, nats, ratioMeshdToNats: ratio, machine: machine() };
}

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
runIfMain(import.meta.url, () => run({ messages: arg('--messages', 200_000), fixedSeconds: arg('--seconds', 10) }));
