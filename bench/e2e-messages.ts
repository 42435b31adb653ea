/**
 * e2e-messages: 256-byte messages, exactly once, from a gRPC publisher through node A to a
 * subscriber on node B that acknowledges every batch; 1 hop and 2 hops. Full load (publisher as
 * fast as the outbox takes it) and a fixed offered load of 10k msgs/s.
 * `node dist/bench/e2e-messages.js [--messages N] [--seconds S]`
 */
import { runMessages } from '../src/main/cli/demo-messages.js';
import { runFixedRate } from '../load/fixed-rate.js';
import { machine, runIfMain, startChain } from './common.js';

/** Options of {@link run}. */
export interface MessagesOptions {
  messages: number;
  fixedSeconds: number;
  hops: number[];
}

/** Runs the scenario for each hop count. */
export async function run(o: MessagesOptions = { messages: 200_000, fixedSeconds: 10, hops: [1, 2] }): Promise<object> {
  const results: Record<string, object> = {};
  for (const hops of o.hops) {
    const chain = await startChain(hops);
    try {
      const full = await runMessages(chain.src, chain.dst, chain.target, 'bench', o.messages);
      const fixed = await runFixedRate(chain.src, chain.dst, chain.target, { rate: 10_000, seconds: o.fixedSeconds, size: 256 });
      results[`${hops}hop`] = { fullLoad: full, fixed10k: fixed };
    } finally {
      await chain.stop();
    }
  }
  return { bench: 'e2e-messages', size: 256, ...results, machine: machine() };
}

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
runIfMain(import.meta.url, () => run({ messages: arg('--messages', 200_000), fixedSeconds: arg('--seconds', 10), hops: [1, 2] }));
