/**
 * The settings a running node can change without a restart (a reload on SIGHUP, or a mesh-wide
 * settings update through the control group), and dotted-path access to a configuration.
 */

/**
 * Settings applied to a running node: the log level; the stream settings the source and target
 * read on every use (window, retransmission timeout bounds, outbox high water mark, largest
 * message); the lane manager's settings (read on every tick); and the data plane's batch size
 * and lane limits (credit windows, send-queue water marks), which the node pushes to its data
 * plane (`set-limits`) for the links of now and later.
 */
export const LIVE_SETTINGS: readonly string[] = [
  'log.level', 'streams.windowMessages', 'streams.minWindowBytes', 'streams.rtoMinMs', 'streams.rtoMaxMs', 'streams.outboxHighWater', 'streams.outboxHighWaterBytes', 'streams.maxMessageBytes',
  'dataPlane.batchBytes', 'lanes.max', 'lanes.bulkMin', 'lanes.scaleUpBacklogBytes', 'lanes.scaleUpAfterMs', 'lanes.idleMs', 'lanes.cooldownMs',
  'lanes.controlWindowBytes', 'lanes.dataWindowBytes', 'lanes.highWaterBytes', 'lanes.lowWaterBytes',
];

/** The value at a dotted `path` of `o` (undefined when absent). */
export function getSetting(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);
}

/** Sets the value at a dotted `path` of `o` (its parent objects must exist). */
export function setSetting(o: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], o) as Record<string, unknown>;
  parent[keys[keys.length - 1]] = value;
}
