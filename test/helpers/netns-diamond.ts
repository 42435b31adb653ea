/**
 * The diamond of test/helpers/diamond.ts in network namespaces (Linux, root, Debian's iproute2):
 * one namespace per node, a veth pair per link (a-b, a-c, b-d, c-d), the a-b and a-c pairs
 * rate-limited by `tc` token-bucket filters (tbf, both directions), and a veth pair from the root
 * namespace to each node for its API and metrics. The multipath benchmark (bench/multipath.ts) uses it when it runs as
 * root; the relays of the loopback diamond are the fallback.
 *
 * Addresses: link k (1 a-b, 2 a-c, 3 b-d, 4 c-d) is 10.213.k.0/30, its first node .1, its second
 * .2; node i's API link (a 10, b 11, c 12, d 13) is 10.213.(10+i).0/30, root .1, node .2.
 * Namespaces are named `mp<pid><build>-<node>`, so two runs do not collide; {@link NetnsDiamond.remove}
 * deletes them (and with them every veth).
 */
import { execFileSync } from 'node:child_process';

const NODES = ['a', 'b', 'c', 'd'] as const;
type NodeId = (typeof NODES)[number];
const LINKS: ReadonlyArray<[NodeId, NodeId]> = [['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd']];
/** Diamonds built by this process (a suffix of the names, so a build never meets the last one's leftovers). */
let builds = 0;

function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** True when this process can build network namespaces (root, iproute2 present, netns allowed). */
export function netnsAvailable(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = `mpprobe${process.pid}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return true;
  } catch {
    return false;
  }
}

/** One rate-limited path link (a-b or a-c), shaped like the loopback diamond's relay. */
export class NetnsPath {
  constructor(private readonly ns: string, private readonly dev: string) {}

  /** Bytes sent and received on the link, from the kernel's counters at the `a` end. */
  get bytes(): number {
    const [l] = JSON.parse(ip('-n', this.ns, '-s', '-j', 'link', 'show', 'dev', this.dev)) as Array<{ stats64: { rx: { bytes: number }; tx: { bytes: number } } }>;
    return l.stats64.rx.bytes + l.stats64.tx.bytes;
  }

  /** Takes the link down: nothing passes and nothing closes (a namespace cannot close the peer's sockets). */
  close(): void {
    ip('-n', this.ns, 'link', 'set', this.dev, 'down');
  }

  /** Same as {@link close}. */
  blackhole(): void {
    this.close();
  }

  /** Brings the link back up. */
  restore(): void {
    ip('-n', this.ns, 'link', 'set', this.dev, 'up');
  }
}

/** A built diamond of namespaces; see the module comment. */
export interface NetnsDiamond {
  /** The command a node's meshd runs under. */
  wrap(node: NodeId): string[];
  /** The address root reaches a node's API at. */
  apiHost(node: NodeId): string;
  /** The address `to` has on its link with `from` (what `from` dials). */
  linkHost(from: NodeId, to: NodeId): string;
  ab: NetnsPath;
  ac: NetnsPath;
  remove(): void;
}

/**
 * Builds the namespaces, links and shaping; `rateAB` and `rateAC` in bytes per second (0: not
 * limited). On failure everything built so far is removed and the error rethrown.
 */
export function buildNetnsDiamond(rateAB: number, rateAC: number): NetnsDiamond {
  const p = `mp${process.pid}${builds++}`;
  const ns = (n: NodeId) => `${p}-${n}`;
  const built: string[] = [];
  const rootDevs: string[] = [];
  const remove = () => {
    // The root ends first: deleting one end of a veth pair deletes both at once, while a deleted
    // namespace is cleaned up later by the kernel (its addresses would clash with the next build).
    for (const dev of rootDevs.splice(0)) {
      try {
        ip('link', 'del', dev);
      } catch {
        // already gone
      }
    }
    for (const n of built.splice(0)) {
      try {
        ip('netns', 'del', n);
      } catch {
        // already gone
      }
    }
  };
  try {
    for (const n of NODES) {
      ip('netns', 'add', ns(n));
      built.push(ns(n));
      ip('-n', ns(n), 'link', 'set', 'lo', 'up');
    }
    LINKS.forEach(([x, y], i) => {
      const k = i + 1;
      const dev = `${x}${y}`;
      ip('link', 'add', 'name', dev, 'netns', ns(x), 'type', 'veth', 'peer', 'name', dev, 'netns', ns(y));
      ip('-n', ns(x), 'addr', 'add', `10.213.${k}.1/30`, 'dev', dev);
      ip('-n', ns(y), 'addr', 'add', `10.213.${k}.2/30`, 'dev', dev);
      ip('-n', ns(x), 'link', 'set', dev, 'up');
      ip('-n', ns(y), 'link', 'set', dev, 'up');
      const rate = dev === 'ab' ? rateAB : dev === 'ac' ? rateAC : 0;
      if (rate > 0) {
        for (const n of [x, y]) {
          ip('netns', 'exec', ns(n), 'tc', 'qdisc', 'add', 'dev', dev, 'root', 'tbf', 'rate', `${Math.round((rate * 8) / 1000)}kbit`, 'burst', '128kb', 'latency', '100ms');
        }
      }
    });
    NODES.forEach((n, i) => {
      const k = 10 + i;
      const host = `${p}r${n}`;
      const inner = `${p}i${n}`;
      ip('link', 'add', 'name', host, 'type', 'veth', 'peer', 'name', inner);
      rootDevs.push(host);
      ip('link', 'set', inner, 'netns', ns(n));
      ip('-n', ns(n), 'link', 'set', inner, 'name', 'api');
      ip('addr', 'add', `10.213.${k}.1/30`, 'dev', host);
      ip('link', 'set', host, 'up');
      ip('-n', ns(n), 'addr', 'add', `10.213.${k}.2/30`, 'dev', 'api');
      ip('-n', ns(n), 'link', 'set', 'api', 'up');
    });
  } catch (err) {
    remove();
    throw err;
  }
  const linkIndex = (x: NodeId, y: NodeId) => LINKS.findIndex(([u, v]) => (u === x && v === y) || (u === y && v === x));
  return {
    wrap: (n) => ['ip', 'netns', 'exec', ns(n)],
    apiHost: (n) => `10.213.${10 + NODES.indexOf(n)}.2`,
    linkHost: (from, to) => {
      const i = linkIndex(from, to);
      if (i < 0) throw new Error(`no link ${from}-${to}`);
      return `10.213.${i + 1}.${LINKS[i][0] === to ? 1 : 2}`;
    },
    ab: new NetnsPath(ns('a'), 'ab'),
    ac: new NetnsPath(ns('a'), 'ac'),
    remove,
  };
}
