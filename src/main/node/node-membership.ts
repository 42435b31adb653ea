/**
 * Drives this node's SWIM failure detector (src/main/membership) with real time: ticks it every
 * `membership.tickMs`, sends its messages as routed `FrameType.Swim` frames (sealed with the pair
 * key, so the receiver knows the sender), feeds it the frames that arrive, and keeps its member
 * list equal to the Mesh Control Group's. A member SWIM declares dead stops being used as a transit
 * node by this node's routes (link-state); it stays a destination, so a member declared dead by
 * mistake still hears of it and refutes.
 */
import { availableParallelism, loadavg } from 'node:os';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { tagOf } from '../../shared/ids.js';
import { DEFAULT_TTL, FrameType, encodeFrame } from '../../shared/wire/index.js';
import type { DataPlanePort } from '../../workers/dataplane/index.js';
import { Swim, decodeSwim, encodeSwim, type MemberEvent, type MemberView, type NodeMeta, type SwimOptions } from '../membership/index.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Config } from '../../shared/config/index.js';
import { MESHD_VERSION } from './version.js';

/** What the driver needs from the node. */
export interface NodeMembershipDeps {
  selfId: string;
  options: SwimOptions;
  dp: DataPlanePort;
  log: Logger;
  /** Capabilities this node announces; software version. */
  capabilities: string[];
  version: string;
  /** Members the control group records. */
  members(): Iterable<string>;
  /** The set of members SWIM declares dead changed. */
  onDeadChanged(dead: ReadonlySet<string>): void;
  onEvent(ev: MemberEvent): void;
  /** A message was dropped (counted by code). */
  onDropped(code: string): void;
}

/** Load metadata is refreshed this often (ms); a new value spreads with a new incarnation. */
export const META_REFRESH_MS = 30_000;

/** This node's SWIM driver; see the module comment. */
export class NodeMembership {
  readonly swim: Swim;
  private timer: NodeJS.Timeout | null = null;
  private metaTimer: NodeJS.Timeout | null = null;
  private dead = new Set<string>();
  private readonly started = Date.now();

  constructor(private readonly d: NodeMembershipDeps) {
    this.swim = new Swim(d.selfId, d.options);
  }

  /** Starts probing the control group's members. */
  start(): void {
    this.stop();
    this.refreshMembers();
    this.swim.setMeta(this.meta());
    this.timer = setInterval(() => this.tick(), this.d.options.tickMs);
    this.timer.unref();
    this.metaTimer = setInterval(() => this.swim.setMeta(this.meta()), META_REFRESH_MS);
    this.metaTimer.unref();
  }

  /** Stops probing (StopMesh, shutdown). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.metaTimer) clearInterval(this.metaTimer);
    this.timer = null;
    this.metaTimer = null;
  }

  /** The control group's membership changed. */
  refreshMembers(): void {
    const ids = new Set(this.d.members());
    this.swim.setMembers(ids, this.now());
    let pruned = false;
    for (const id of [...this.dead]) if (!ids.has(id)) pruned = this.dead.delete(id);
    if (pruned) this.d.onDeadChanged(this.dead);
    this.flush();
  }

  /** Every member as SWIM sees it. */
  view(): MemberView[] {
    return this.swim.view();
  }

  /** Counts by status (this node counted alive) and the local health multiplier. */
  summary(): { alive: number; suspect: number; dead: number; localHealth: number } {
    const out = { alive: 1, suspect: 0, dead: 0, localHealth: this.swim.localHealth };
    for (const m of this.swim.view()) out[m.status]++;
    return out;
  }

  /**
   * A `FrameType.Swim` frame for this node, its pair tag already checked; `from` is the node id
   * of its source tag (undefined when unknown here).
   */
  receive(from: string | undefined, payload: Uint8Array): void {
    if (this.timer === null) return;
    try {
      const msg = decodeSwim(payload);
      if (from === undefined || msg.from !== from) {
        throw new MeshError(ErrorCode.Unauthenticated, `SWIM message claims sender ${msg.from} but came from ${from ?? 'an unknown node'}`);
      }
      if (this.swim.status(from) === undefined) {
        // Not a member in this node's state (yet): a ping is still answered, the rest ignored.
        this.d.onDropped(ErrorCode.PermissionDenied);
        this.d.log.debug({ from, kind: msg.k }, 'SWIM message from a node that is not a member here');
      }
      this.swim.receive(msg, this.now());
      this.flush();
    } catch (err) {
      const code = err instanceof MeshError ? err.code : ErrorCode.Internal;
      this.d.onDropped(code);
      this.d.log.warn({ from, code, err: (err as Error).message }, 'SWIM message dropped');
    }
  }

  private tick(): void {
    this.swim.tick(this.now());
    this.flush();
  }

  private now(): number {
    return Date.now() - this.started;
  }

  private flush(): void {
    const out = this.swim.drain();
    const src = tagOf(this.d.selfId);
    for (const s of out.sends) {
      const frame = encodeFrame({ type: FrameType.Swim, ttl: DEFAULT_TTL, src, dst: tagOf(s.to), payload: encodeSwim(s.msg) });
      this.d.dp.execute({ type: 'send-routed', dst: tagOf(s.to), frame });
    }
    if (out.events.length === 0) return;
    let deadChanged = false;
    for (const ev of out.events) {
      this.d.onEvent(ev);
      if (ev.status === 'dead' && !this.dead.has(ev.node)) {
        this.dead.add(ev.node);
        deadChanged = true;
      } else if (ev.status !== 'dead' && this.dead.delete(ev.node)) deadChanged = true;
    }
    if (deadChanged) this.d.onDeadChanged(this.dead);
  }

  private meta(): NodeMeta {
    const load = Math.round((loadavg()[0] / availableParallelism()) * 1000) / 1000;
    return { capabilities: this.d.capabilities, load, version: this.d.version };
  }
}

/**
 * The node's {@link NodeMembership} from its configuration (`membership.*`): events are logged
 * (suspect and dead at warn) and counted, dropped messages counted.
 */
export function newMembership(
  selfId: string, config: Config, dp: DataPlanePort, log: Logger, metrics: Metrics,
  hooks: Pick<NodeMembershipDeps, 'members' | 'onDeadChanged'> & { onStatus?(nodeId: string, status: MemberEvent['status']): void },
): NodeMembership {
  const { capabilities, ...options } = config.membership;
  return new NodeMembership({
    selfId, options, dp, log, capabilities, version: MESHD_VERSION, members: hooks.members, onDeadChanged: hooks.onDeadChanged,
    onEvent: (ev) => {
      metrics.memberChanges.inc({ status: ev.status });
      hooks.onStatus?.(ev.node, ev.status);
      const line = { node: ev.node, incarnation: ev.inc, from: ev.from };
      if (ev.status === 'alive') log.info(line, 'member alive');
      else log.warn(line, ev.status === 'dead' ? 'member declared dead (SWIM)' : 'member suspected (SWIM)');
    },
    onDropped: (code) => metrics.swimDrops.inc({ code }),
  });
}
