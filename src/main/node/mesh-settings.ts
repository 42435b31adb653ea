/**
 * Mesh-wide live settings: a mesh update of topic {@link MESH_SETTINGS_TOPIC} (SendMeshUpdate,
 * `meshctl settings set`) carries a JSON object of dotted paths from LIVE_SETTINGS
 * (shared/config/live.ts) to values, e.g. `{"log.level":"debug","streams.windowMessages":2048}`;
 * null removes the mesh-wide value of a path. It is checked at the node called (the path must be
 * live, the whole configuration must still validate), then committed through the Mesh Control
 * Group as a `settings` entry whose values the replicated state keeps, so every node, including
 * one that joins or restarts later, applies them over its own configuration in log order. A
 * mesh-wide value wins over the node's file until removed; removing it restores the node's own
 * value (the one it had when the mesh-wide value first applied). A reload (SIGHUP) applies the
 * mesh-wide values again after the file's. Each node checks every value again before applying it
 * (an entry another member proposed without the check is refused there, logged, never applied).
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { ConfigSchema, LIVE_SETTINGS, getSetting, setSetting, type Config } from '../../shared/config/index.js';
import type { Logger } from '../observability/logger.js';

/** The mesh-update topic that carries mesh-wide settings. */
export const MESH_SETTINGS_TOPIC = 'meshd.settings';

/** A settings update: dotted path -> value (null: remove the mesh-wide value). */
export type SettingsValues = Record<string, string | number | boolean | null>;

/**
 * Parses and checks a settings update against `config`.
 * @throws MeshError ERR_INVALID_ARGUMENT (not a JSON object, a path that is not live, a value the
 *   configuration schema refuses).
 */
export function parseSettings(payload: Uint8Array, config: Config): SettingsValues {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw new MeshError(ErrorCode.InvalidArgument, `a ${MESH_SETTINGS_TOPIC} update is a JSON object of settings, e.g. {"log.level":"debug"}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length === 0) throw new MeshError(ErrorCode.InvalidArgument, `a ${MESH_SETTINGS_TOPIC} update is a non-empty JSON object`);
  const values = v as Record<string, unknown>;
  const candidate = structuredClone(config);
  for (const [k, x] of Object.entries(values)) {
    if (!LIVE_SETTINGS.includes(k)) throw new MeshError(ErrorCode.InvalidArgument, `${k} cannot change on a running mesh; live settings: ${LIVE_SETTINGS.join(', ')}`);
    if (x !== null && !['string', 'number', 'boolean'].includes(typeof x)) throw new MeshError(ErrorCode.InvalidArgument, `${k}: a value must be a string, number, boolean or null`);
    if (x !== null) setSetting(candidate, k, x);
  }
  const r = ConfigSchema.safeParse(candidate);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new MeshError(ErrorCode.InvalidArgument, `${i?.path.join('.') ?? 'settings'}: ${i?.message ?? 'invalid'}`);
  }
  return values as SettingsValues;
}

/** Applies the replicated mesh-wide settings to one node's running configuration. */
export class MeshSettings {
  /** The node's own values of the paths a mesh-wide value overrides now. */
  private own = new Map<string, unknown>();

  constructor(private readonly config: Config, private readonly log: Logger) {}

  /**
   * Makes the running configuration match `settings` (the control group's): overridden paths
   * take the mesh-wide value, paths no longer overridden get the node's own value back.
   * `reloaded`: the file was just read again, so the own values are the current ones.
   */
  apply(settings: ReadonlyMap<string, unknown>, reloaded = false): void {
    const changed: string[] = [];
    if (reloaded) this.own.clear();
    for (const [k, v] of settings) {
      if (!LIVE_SETTINGS.includes(k)) continue;
      if (!this.valid(k, v)) {
        // Checked where it was sent, but the log is the authority: a bad value is never applied.
        this.log.error({ setting: k, value: v }, 'mesh-wide setting refused here: the configuration schema does not accept it');
        continue;
      }
      if (!this.own.has(k)) this.own.set(k, getSetting(this.config, k));
      if (getSetting(this.config, k) !== v) {
        setSetting(this.config, k, v);
        changed.push(k);
      }
    }
    for (const [k, v] of this.own) {
      if (settings.has(k)) continue;
      setSetting(this.config, k, v);
      this.own.delete(k);
      changed.push(k);
    }
    if (changed.includes('log.level')) this.log.level = this.config.log.level;
    if (changed.length) this.log.info({ settings: changed }, 'mesh-wide settings applied');
  }

  /** Whether the configuration with `path` set to `value` still validates. */
  private valid(path: string, value: unknown): boolean {
    const candidate = structuredClone(this.config);
    setSetting(candidate, path, value);
    return ConfigSchema.safeParse(candidate).success;
  }
}
