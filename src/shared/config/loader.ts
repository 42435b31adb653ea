/**
 * Loads a node configuration: a YAML or JSON file, then `MESH_*` environment overrides
 * ({@link ENV_OVERRIDES}), then the services file, validated with {@link ConfigSchema}.
 */
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ErrorCode, MeshError } from '../errors.js';
import { AddressSchema, ConfigSchema, ServicesFileSchema, type Config, type ServicesFile } from './schema.js';

/**
 * Environment variables that override config fields: variable -> dotted path. Numbers are parsed;
 * `MESH_PEERS` is a comma-separated list.
 */
export const ENV_OVERRIDES: Readonly<Record<string, string>> = {
  MESH_NODE_ID: 'node.id',
  MESH_NODE_NAME: 'node.name',
  MESH_DATA_DIR: 'dataDir',
  MESH_LISTEN_HOST: 'mesh.host',
  MESH_LISTEN_PORT: 'mesh.port',
  MESH_ADVERTISE: 'mesh.advertise',
  MESH_GRPC_HOST: 'grpc.host',
  MESH_GRPC_PORT: 'grpc.port',
  MESH_METRICS_HOST: 'metrics.host',
  MESH_METRICS_PORT: 'metrics.port',
  MESH_PEERS: 'peers',
  MESH_JOIN_KEY: 'joinKey',
  MESH_SERVICES_FILE: 'servicesFile',
  MESH_LOG_LEVEL: 'log.level',
  MESH_WORKERS: 'dataPlane.workers',
  MESH_RAFT_TICK_MS: 'consensus.tickMs',
  MESH_MCG_VOTERS: 'consensus.voters',
  MESH_STORAGE_MAX_BYTES: 'storage.maxBytes',
  MESH_HEARTBEAT_MS: 'dataPlane.heartbeatMs',
  MESH_DEAD_AFTER_MS: 'dataPlane.deadAfterMs',
  MESH_SCHEDULER: 'routing.scheduler',
  MESH_LANES: 'lanes.max',
  MESH_OTLP_ENDPOINT: 'tracing.endpoint',
  MESH_TRACE_SAMPLE_RATIO: 'tracing.sampleRatio',
};

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

function envValue(path: string, raw: string): unknown {
  if (path === 'peers') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (path.endsWith('.port') || path.endsWith('.workers') || path.endsWith('Ms') || path.startsWith('consensus.') || path === 'storage.maxBytes' || path === 'lanes.max') return /^\d+$/.test(raw) ? Number(raw) : raw;
  return raw;
}

/** Where a required setting can be given besides the config file (for the error that names it). */
const REQUIRED_HINTS: Record<string, string> = { 'node.id': '--node-id or MESH_NODE_ID' };

/**
 * Throws the first issue of `error` as ERR_CONFIG_INVALID: an unknown key is named with its full
 * path (`unknown setting "mesh.prot"`), a missing required setting with how to set it, any other
 * issue with its field and zod's message.
 */
function fail(what: string, error: z.ZodError): never {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map(String);
  const field = path.length ? path.join('.') : '(root)';
  if (issue?.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${[...path, k].join('.')}"`).join(', ');
    throw new MeshError(ErrorCode.ConfigInvalid, `${what}: unknown setting ${keys} (a typo? the README's configuration table lists every setting)`);
  }
  if (issue?.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    const missing = field === 'node' ? 'node.id' : field;
    const hint = REQUIRED_HINTS[missing];
    throw new MeshError(ErrorCode.ConfigInvalid, `${what}: "${missing}" is required${hint ? `: set it with ${hint}, or in the config file` : ''}`);
  }
  throw new MeshError(ErrorCode.ConfigInvalid, `${what}: field "${field}": ${issue?.message ?? 'invalid'}`);
}

/**
 * Reads and parses a YAML (.yaml/.yml) or JSON file into a plain object.
 * @throws MeshError ERR_CONFIG_INVALID when unreadable or not an object.
 */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MeshError(ErrorCode.ConfigInvalid, `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  let data: unknown;
  try {
    data = extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new MeshError(ErrorCode.ConfigInvalid, `cannot parse ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new MeshError(ErrorCode.ConfigInvalid, `${path}: expected a mapping at the top level`);
  }
  return data as Record<string, unknown>;
}

/**
 * Loads and validates a services file.
 * @throws MeshError ERR_CONFIG_INVALID naming the bad field.
 */
export function loadServicesFile(path: string): ServicesFile {
  const r = ServicesFileSchema.safeParse(readConfigFile(path));
  if (!r.success) fail(`services file ${path}`, r.error);
  return r.data;
}

/**
 * Builds the configuration from an optional file, the environment and explicit overrides
 * (highest precedence last: file < env < overrides). Peers named by service id are resolved to
 * the service's endpoint; the node's own service entry supplies unset listen ports.
 * @throws MeshError ERR_CONFIG_INVALID naming the field at fault.
 */
export function loadConfig(opts: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Record<string, unknown> } = {}): Config {
  const raw: Record<string, unknown> = opts.file ? readConfigFile(opts.file) : {};
  const env = opts.env ?? {};
  for (const [key, path] of Object.entries(ENV_OVERRIDES)) {
    const v = env[key];
    if (v !== undefined && v !== '') setPath(raw, path, envValue(path, v));
  }
  for (const [path, v] of Object.entries(opts.overrides ?? {})) if (v !== undefined) setPath(raw, path, v);
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) fail('config', parsed.error);
  const c = parsed.data;
  const cfg: Config = {
    ...c,
    node: { id: c.node.id, name: c.node.name ?? c.node.id },
    dataDir: c.dataDir ?? join('data', c.node.id),
  };
  if (cfg.servicesFile) applyServices(cfg, loadServicesFile(cfg.servicesFile), raw);
  for (const p of cfg.peers) {
    if (!AddressSchema.safeParse(p).success) {
      throw new MeshError(ErrorCode.ConfigInvalid, `config: field "peers": "${p}" is neither host:port nor a service id`);
    }
  }
  if (cfg.security.insecureDevOnly) {
    const open = [['mesh.host', cfg.mesh.host], ['grpc.host', cfg.grpc.host], ['metrics.host', cfg.metrics.host]].filter(([, h]) => !isLoopback(h));
    if (open.length) {
      throw new MeshError(ErrorCode.ConfigInvalid, `config: --insecure-dev-only needs every listener on loopback; ${open.map(([k, h]) => `${k} is "${h}"`).join(', ')}`);
    }
  }
  return cfg;
}

/** True for a loopback listen address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

function applyServices(cfg: Config, file: ServicesFile, raw: Record<string, unknown>): void {
  const byId = new Map(file.services.map((s) => [s.id, s]));
  const self = byId.get(cfg.node.id);
  const given = (section: string) => typeof raw[section] === 'object' && raw[section] !== null && 'port' in (raw[section] as object);
  if (self) {
    if (!given('mesh')) cfg.mesh.port = portOf(self.endpoint);
    if (self.grpcEndpoint && !given('grpc')) cfg.grpc.port = portOf(self.grpcEndpoint);
    if (self.metricsEndpoint && !given('metrics')) cfg.metrics.port = portOf(self.metricsEndpoint);
    if (cfg.peers.length === 0) cfg.peers = [...self.peers];
  }
  cfg.peers = cfg.peers.map((p) => byId.get(p)?.endpoint ?? p);
}
