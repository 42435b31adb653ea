/**
 * Live configuration reload (`SIGHUP`, or a watch of the config file with `--watch-config`): the
 * configuration is loaded again from the same file, environment and flags; the settings in
 * LIVE_SETTINGS (shared/config/live.ts) take effect at once (the running node reads them from the same objects),
 * every other changed setting is logged as needing a restart, and a configuration that no longer
 * validates is refused with its ERR_CONFIG_INVALID message while the running settings stay.
 */
import { LIVE_SETTINGS, getSetting as get, setSetting as set, type Config } from '../../shared/config/index.js';
import type { Logger } from '../observability/logger.js';

export { LIVE_SETTINGS } from '../../shared/config/index.js';

/** What a reload did: settings applied, settings that changed but need a restart. */
export interface ReloadResult {
  applied: string[];
  needRestart: string[];
}

/** Leaf settings (dotted paths) whose values differ between `a` and `b` (arrays and maps compared whole). */
export function changedSettings(a: unknown, b: unknown, path = ''): string[] {
  const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isMap(a) && isMap(b) && path !== 'routing.linkWeights') {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys].flatMap((k) => changedSettings((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}

/**
 * Reloads: `load()` builds the new configuration; live settings are written into `current` (and
 * the log level into `log`). Logs the outcome.
 * @returns what changed, or null when the new configuration was refused.
 */
export function reloadConfig(current: Config, load: () => Config, log: Logger): ReloadResult | null {
  let next: Config;
  try {
    next = load();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    log.error({ code: e.code ?? 'ERR_CONFIG_INVALID', message: e.message }, 'configuration reload refused; the running settings stay');
    return null;
  }
  const changed = changedSettings(current, next);
  if (changed.length === 0) {
    log.debug('configuration reloaded: nothing changed');
    return { applied: [], needRestart: [] };
  }
  const applied = changed.filter((p) => LIVE_SETTINGS.includes(p));
  const needRestart = changed.filter((p) => !LIVE_SETTINGS.includes(p));
  for (const p of applied) set(current, p, get(next, p));
  if (applied.includes('log.level')) log.level = current.log.level;
  log.info({ applied, needRestart }, needRestart.length ? 'configuration reloaded; some changed settings need a restart' : 'configuration reloaded');
  return { applied, needRestart };
}
