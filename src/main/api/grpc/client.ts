/**
 * A promise-based MeshService client, for meshctl, the demo, load drivers and tests. Errors are
 * rebuilt as MeshError with meshd's code (see `./status.ts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metadata, credentials, type ChannelCredentials, type ChannelOptions, type ServiceError } from '@grpc/grpc-js';
import type { MeshServiceClient } from '../../../generated/mesh/v1/MeshService.js';
import type { MeshStatus__Output } from '../../../generated/mesh/v1/MeshStatus.js';
import type { Delivery__Output } from '../../../generated/mesh/v1/Delivery.js';
import type { JoinPolicy } from '../../../generated/mesh/v1/JoinPolicy.js';
import type { Update__Output } from '../../../generated/mesh/v1/Update.js';
import type { MeshEvent__Output } from '../../../generated/mesh/v1/MeshEvent.js';
import type { MeshEventKind } from '../../../generated/mesh/v1/MeshEventKind.js';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import { loadMeshProto } from './proto.js';
import { MAX_GRPC_MESSAGE_BYTES } from './server.js';
import { FLOW_CONTROL_WINDOW_BYTES } from './flow-window.js';
import { fromServiceError } from './status.js';
import { openPublisher, withRetries, type Publisher } from './publisher.js';
import { randomUlid } from '../../../shared/ids.js';

export { FLOW_CONTROL_WINDOW_BYTES } from './flow-window.js';

export type { Publisher } from './publisher.js';

export type { MeshStatus__Output as MeshStatus } from '../../../generated/mesh/v1/MeshStatus.js';
export type { Delivery__Output as Delivery } from '../../../generated/mesh/v1/Delivery.js';
export type { Update__Output as Update } from '../../../generated/mesh/v1/Update.js';

type Unary<Req, Res> = (req: Req, cb: (err: ServiceError | null, res?: Res) => void) => unknown;

/** A pipelined publisher on one PublishClientDataStream call; answers arrive in request order. */
/** Options of {@link MeshClient.subscribe}. */
export interface SubscribeOptions {
  streamId: string;
  tenantId: string;
  /**
   * Messages the server may have in flight toward this subscriber (default 4096). Credits come back
   * once the node has stored the acknowledgement, so a crash of the node brings at most this many
   * already-seen messages again.
   */
  credits?: number;
  /**
   * Processes one batch; the batch is acknowledged (with as many new credits) once this resolves:
   * through its last message, or through the seq it resolves to (messages after it stay
   * unacknowledged and come again to the next subscriber).
   */
  onMessages(msgs: Delivery__Output[], source: string): void | number | Promise<void | number>;
}

/** A running subscription. */
export interface SubscriptionHandle {
  /** Resolves when the server ends the call; rejects with its error. */
  done: Promise<void>;
  /** Cancels the call at once (acknowledgements not yet sent are lost). */
  close(): void;
  /**
   * Ends the call cleanly: once the batches handed to `onMessages` are processed and acknowledged,
   * half-closes; the node stores the last acknowledgement and ends the call. Resolves then (after
   * `timeoutMs`, cancels instead).
   */
  end(timeoutMs?: number): Promise<void>;
}

/** A running update subscription (SubscribeMeshUpdates and its kin). */
export type UpdateSubscriptionHandle = Omit<SubscriptionHandle, 'end'>;

/**
 * What a client presents and trusts: the node's API certificate (PEM) to pin, and a bearer token.
 * Every node writes its API certificate to `<dataDir>/identity/api.crt` and an admin token to
 * `<dataDir>/admin.token` at start-up.
 */
export interface ClientCredentials {
  /** PEM of the certificate to trust (the node's `api.crt`). */
  ca: string | Buffer;
  /** The JWT sent as `authorization: Bearer <token>`. */
  token: string;
}

/**
 * Reads client credentials from files (meshctl `--ca-file`/`MESHCTL_CA_FILE`,
 * `--token-file`/`MESHCTL_TOKEN_FILE`).
 * @throws MeshError ERR_INVALID_ARGUMENT when a file cannot be read.
 */
export function credentialsFromFiles(caFile: string, tokenFile: string): ClientCredentials {
  const read = (what: string, f: string) => {
    if (!f) throw new MeshError(ErrorCode.InvalidArgument, `no ${what} file given`);
    try {
      return readFileSync(f, 'utf8');
    } catch (err) {
      throw new MeshError(ErrorCode.InvalidArgument, `cannot read the ${what} file ${f}: ${(err as Error).message}`);
    }
  };
  return { ca: read('CA', caFile), token: read('token', tokenFile).trim() };
}

/** Client credentials of a local node's data dir: `identity/api.crt` and `admin.token`. */
export function credentialsFromDataDir(dataDir: string): ClientCredentials {
  return credentialsFromFiles(join(dataDir, 'identity', 'api.crt'), join(dataDir, 'admin.token'));
}

/**
 * Channel credentials and options for a node's API: TLS trusting `creds.ca` (the server's name is
 * not checked: the pinned certificate is the trust, so `127.0.0.1`, a DNS name or a tunnel all
 * work) and the bearer token on every call.
 */
export function channelOf(creds: ClientCredentials): { credentials: ChannelCredentials; options: ChannelOptions } {
  const tls = credentials.createSsl(Buffer.from(creds.ca), null, null, { checkServerIdentity: () => undefined });
  const bearer = credentials.createFromMetadataGenerator((_params, cb) => {
    const md = new Metadata();
    md.set('authorization', `Bearer ${creds.token}`);
    cb(null, md);
  });
  return {
    credentials: credentials.combineChannelCredentials(tls, bearer),
    options: {
      'grpc.max_receive_message_length': MAX_GRPC_MESSAGE_BYTES, 'grpc.max_send_message_length': MAX_GRPC_MESSAGE_BYTES,
      'grpc-node.flow_control_window': FLOW_CONTROL_WINDOW_BYTES,
      // SNI must be a name (RFC 6066), whatever address was dialed; the certificate is pinned, not named.
      'grpc.ssl_target_name_override': 'localhost',
    },
  };
}

/** MeshService client for one node's gRPC address (host:port), over TLS, with a bearer token. */
export class MeshClient {
  private c: MeshServiceClient;
  /**
   * The producer id of this client's publishes (a ULID unless given): publishes are idempotent
   * per (stream, producer id, request id). Give a stable one to retry across client restarts.
   */
  readonly producerId: string;
  private requestIds = 1;

  /**
   * The server's certificate must be `creds.ca` itself or issued by it; its name is not checked
   * (the pinned certificate is the trust), so `127.0.0.1`, a DNS name or a tunnel all work.
   */
  constructor(readonly address: string, creds: ClientCredentials, o: { producerId?: string } = {}) {
    this.producerId = o.producerId ?? randomUlid();
    const ch = channelOf(creds);
    this.c = new (loadMeshProto().mesh.v1.MeshService)(address, ch.credentials, ch.options);
  }

  private call<Req, Res>(fn: Unary<Req, Res>, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      fn.call(this.c, req, (err, res) => (err ? reject(fromServiceError(err)) : resolve(res as Res)));
    });
  }

  /** SeedMesh. @throws MeshError ERR_ALREADY_EXISTS, ERR_INVALID_ARGUMENT. */
  seed(name: string, joinPolicy: JoinPolicy, joinKey = '') {
    return this.call(this.c.SeedMesh, { name, join_policy: joinPolicy, join_key: joinKey });
  }
  /**
   * JoinMesh through the member whose mesh port is `address`; `fingerprint` is the mesh
   * fingerprint SeedMesh returned.
   * @throws MeshError ERR_PERMISSION_DENIED, ERR_RATE_LIMITED, ERR_UNAVAILABLE, ERR_ALREADY_EXISTS, ERR_INVALID_ARGUMENT.
   */
  join(address: string, joinKey: string, fingerprint: string) {
    return this.call(this.c.JoinMesh, { address, join_key: joinKey, fingerprint });
  }
  /** StartMesh. @throws MeshError ERR_FAILED_PRECONDITION when not a member. */
  start() {
    return this.call(this.c.StartMesh, {});
  }
  /** StopMesh. @throws MeshError ERR_FAILED_PRECONDITION when not a member. */
  stop() {
    return this.call(this.c.StopMesh, {});
  }
  /** AddLink (admin): dials `address` and keeps it dialed. @throws MeshError ERR_INVALID_ARGUMENT, ERR_UNAVAILABLE, ERR_FAILED_PRECONDITION. */
  addLink(address: string, timeoutMs = 0) {
    return this.call(this.c.AddLink, { address, timeout_ms: timeoutMs });
  }
  /** DropLink (admin): unlinks a neighbor until AddLink. @throws MeshError ERR_NOT_FOUND, ERR_INVALID_ARGUMENT. */
  dropLink(peer: string) {
    return this.call(this.c.DropLink, { peer });
  }
  /** EstablishFullLinks (admin): links to every node of the LSDB; one result per node. */
  async establishFullLinks(timeoutMs = 0) {
    return (await this.call(this.c.EstablishFullLinks, { timeout_ms: timeoutMs })).results;
  }
  /** GetMeshStatus. */
  status(): Promise<MeshStatus__Output> {
    return this.call(this.c.GetMeshStatus, {});
  }
  /** OpenClientDataStream with qos EXACTLY_ONCE; resolves to the stream id. @throws MeshError ERR_INVALID_ARGUMENT, ERR_NOT_FOUND. */
  async openStream(tenantId: string, targets: string[], priority = 0): Promise<string> {
    return (await this.call(this.c.OpenClientDataStream, { tenant_id: tenantId, targets, qos: 'EXACTLY_ONCE', priority })).stream_id;
  }
  /**
   * PublishClientData (unary) as an idempotent producer: the call carries this client's
   * {@link producerId} and a fresh request id (or `o.requestId`), and is sent again with the same
   * ids after a transient failure (ERR_UNAVAILABLE; see `./publisher.ts`), so it is applied once.
   * The answer's `duplicate` is true when an earlier attempt had been applied.
   * @throws MeshError ERR_NOT_FOUND, ERR_INVALID_ARGUMENT, ERR_PAYLOAD_TOO_LARGE, ERR_UNAVAILABLE
   *   (still failing after every attempt: send again with the same `requestId`).
   */
  publish(streamId: string, payloads: Uint8Array[], ackLevel: 'SOURCE_DURABLE' | 'TARGETS_STORED' = 'SOURCE_DURABLE', o: { requestId?: number; attempts?: number } = {}) {
    const req = { stream_id: streamId, payloads, ack_level: ackLevel, producer_id: this.producerId, request_id: o.requestId ?? this.nextRequestId() };
    return withRetries(() => this.call(this.c.PublishClientData, req), o.attempts);
  }

  /**
   * CloseClientDataStream: no more publishes; resolves once every target stored everything (the
   * source deleted the stream) with the last seq.
   * @throws MeshError ERR_NOT_FOUND, ERR_UNAVAILABLE (not drained in `timeoutMs`; the close goes on).
   */
  async closeStream(streamId: string, timeoutMs = 0): Promise<number> {
    return (await this.call(this.c.CloseClientDataStream, { stream_id: streamId, timeout_ms: timeoutMs })).last_seq;
  }

  /** A fresh request id of this client's producer. */
  nextRequestId(): number {
    return this.requestIds++;
  }

  /** Opens a streaming publisher for one stream (an idempotent producer that resends after a transient failure; see `./publisher.ts`). */
  publisher(streamId: string, o: { attempts?: number } = {}): Publisher {
    return openPublisher(streamId, { open: () => this.c.PublishClientDataStream(), producerId: this.producerId, nextRequestId: () => this.nextRequestId(), attempts: o.attempts });
  }

  /** Subscribes to a stream at this node; see {@link SubscribeOptions}. */
  subscribe(o: SubscribeOptions): SubscriptionHandle {
    const call = this.c.SubscribeClientData();
    const credits = o.credits ?? 4096;
    let chain = Promise.resolve();
    const done = new Promise<void>((resolve, reject) => {
      call.on('error', (err: ServiceError) => (err.code === 1 ? resolve() : reject(fromServiceError(err))));
      call.on('end', () => resolve());
    });
    call.on('data', (b: { source: string; messages: Delivery__Output[] }) => {
      chain = chain.then(async () => {
        if (ending) return;
        const through = await o.onMessages(b.messages, b.source);
        const last = typeof through === 'number' ? through : b.messages[b.messages.length - 1]?.seq;
        if (last !== undefined) call.write({ ack: { offset: last, credits: b.messages.length } });
      }).catch((err: Error) => { call.destroy(err); });
    });
    call.write({ start: { stream_id: o.streamId, tenant_id: o.tenantId, credits } });
    let ending = false;
    const end = async (timeoutMs = 10_000) => {
      await chain;
      ending = true;
      call.end();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => { timer = setTimeout(() => { call.cancel(); resolve(); }, timeoutMs); });
      await Promise.race([done.catch(() => undefined), timeout]);
      clearTimeout(timer);
    };
    return { done, close: () => call.cancel(), end };
  }

  /** SendMeshUpdate; resolves once committed and applied on this node. @throws MeshError ERR_FAILED_PRECONDITION (CRITICAL), ERR_UNAVAILABLE. */
  sendMeshUpdate(topic: string, payload: Uint8Array, requestId = '') {
    return this.call(this.c.SendMeshUpdate, { topic, payload, request_id: requestId });
  }
  /** SendNodeUpdate. @throws MeshError ERR_NOT_FOUND, and as sendMeshUpdate. */
  sendNodeUpdate(nodeId: string, topic: string, payload: Uint8Array, requestId = '') {
    return this.call(this.c.SendNodeUpdate, { node_id: nodeId, topic, payload, request_id: requestId });
  }
  /** SendInternalDBUpdate. @throws MeshError as sendMeshUpdate. */
  sendDbUpdate(table: string, key: string, op: 'PUT' | 'DELETE', value: Uint8Array, requestId = '') {
    return this.call(this.c.SendInternalDBUpdate, { table, key, op, value, request_id: requestId });
  }
  /** SetJoinPolicy. */
  setJoinPolicy(joinPolicy: JoinPolicy, joinKey = '') {
    return this.call(this.c.SetJoinPolicy, { join_policy: joinPolicy, join_key: joinKey });
  }
  /** LeaveMesh. */
  leave() {
    return this.call(this.c.LeaveMesh, {});
  }
  /** EvictNode. @throws MeshError ERR_NOT_FOUND, ERR_INVALID_ARGUMENT. */
  evict(nodeId: string, reason = '') {
    return this.call(this.c.EvictNode, { node_id: nodeId, reason });
  }

  /**
   * Subscribes to the control group's updates of one kind after `fromIndex` (0 with a
   * `subscriberId`: after its last stored ack); each batch is acknowledged once `onUpdates` resolves.
   */
  subscribeUpdates(kind: 'mesh' | 'node' | 'db', o: { fromIndex?: number; subscriberId?: string; window?: number; onUpdates(u: Update__Output[]): void | Promise<void> }): UpdateSubscriptionHandle {
    const call = kind === 'mesh' ? this.c.SubscribeMeshUpdates() : kind === 'node' ? this.c.SubscribeNodeUpdates() : this.c.SubscribeInternalDBUpdates();
    let chain = Promise.resolve();
    const done = new Promise<void>((resolve, reject) => {
      call.on('error', (err: ServiceError) => (err.code === 1 ? resolve() : reject(fromServiceError(err))));
      call.on('end', () => resolve());
    });
    call.on('data', (b: { updates: Update__Output[] }) => {
      chain = chain.then(async () => {
        await o.onUpdates(b.updates);
        const last = b.updates[b.updates.length - 1];
        if (last) call.write({ ack: { index: last.index } });
      }).catch((err: Error) => { call.destroy(err); });
    });
    call.write({ start: { from_index: o.fromIndex ?? 0, subscriber_id: o.subscriberId ?? '', window: o.window ?? 0 } });
    return { done, close: () => call.cancel() };
  }

  /**
   * WatchMeshEvents (admin): `onEvent` gets each event of the kinds in `kinds` (empty: all) from
   * now on, until {@link UpdateSubscriptionHandle.close}.
   */
  watchEvents(kinds: MeshEventKind[], onEvent: (e: MeshEvent__Output) => void): UpdateSubscriptionHandle {
    const call = this.c.WatchMeshEvents({ kinds });
    const done = new Promise<void>((resolve, reject) => {
      call.on('error', (err: ServiceError) => (err.code === 1 ? resolve() : reject(fromServiceError(err))));
      call.on('end', () => resolve());
    });
    call.on('data', (e: MeshEvent__Output) => onEvent(e));
    return { done, close: () => call.cancel() };
  }

  /** Closes the channel. */
  /**
   * CreateToken (admin): a token for `subject` as `role` (on `tenant`, narrowed to `streams`),
   * valid at `audience` (default: this node; `*`: every member) for `ttlMs`.
   * @throws MeshError ERR_INVALID_ARGUMENT, ERR_PERMISSION_DENIED, ERR_FAILED_PRECONDITION (not a member).
   */
  createToken(r: { subject: string; role: string; tenant?: string; streams?: string[]; audience?: string[]; ttlMs: number }) {
    return this.call(this.c.CreateToken, { subject: r.subject, role: r.role, tenant: r.tenant ?? '', streams: r.streams ?? [], audience: r.audience ?? [], ttl_ms: r.ttlMs });
  }
  /** RevokeToken (admin). */
  revokeToken(jti: string) {
    return this.call(this.c.RevokeToken, { jti });
  }
  /** ListTokens (admin): the recorded tokens, without their secrets. */
  async listTokens() {
    return (await this.call(this.c.ListTokens, {})).tokens;
  }
  /** GrantAcl (admin): `subject` may act as `role` on `tenant` (one stream when `stream` is set). */
  grantAcl(a: { subject: string; tenant: string; role: string; stream?: string }) {
    return this.call(this.c.GrantAcl, { ...a, stream: a.stream ?? '' });
  }
  /** RevokeAcl (admin). */
  revokeAcl(a: { subject: string; tenant: string; role: string; stream?: string }) {
    return this.call(this.c.RevokeAcl, { ...a, stream: a.stream ?? '' });
  }
  /** ListAcls (admin). */
  async listAcls() {
    return (await this.call(this.c.ListAcls, {})).entries;
  }

  /** RotateNodeKey (admin): replaces the node's keys; resolves to the new key's fingerprint and log index. */
  rotateNodeKey() {
    return this.call(this.c.RotateNodeKey, {});
  }
  /** RotateTenantKey (admin): resolves to the new epoch. */
  async rotateTenantKey(tenant: string): Promise<number> {
    return (await this.call(this.c.RotateTenantKey, { tenant })).epoch;
  }
  /** GetTenantKeys (admin): key epochs of `tenant`, or of every tenant. */
  async tenantKeys(tenant = '') {
    return (await this.call(this.c.GetTenantKeys, { tenant })).tenants;
  }

  close(): void {
    this.c.close();
  }
}
