/**
 * A promise-based MeshService client, for meshctl, the demo, load drivers and tests. Errors are
 * rebuilt as MeshError with meshd's code (see `./status.ts`).
 */
import { credentials, type ServiceError } from '@grpc/grpc-js';
import type { MeshServiceClient } from '../../../generated/mesh/v1/MeshService.js';
import type { MeshStatus__Output } from '../../../generated/mesh/v1/MeshStatus.js';
import type { PublishClientDataResponse__Output } from '../../../generated/mesh/v1/PublishClientDataResponse.js';
import type { Delivery__Output } from '../../../generated/mesh/v1/Delivery.js';
import type { JoinPolicy } from '../../../generated/mesh/v1/JoinPolicy.js';
import type { Update__Output } from '../../../generated/mesh/v1/Update.js';
import type { MeshError } from '../../../shared/errors.js';
import { loadMeshProto } from './proto.js';
import { MAX_GRPC_MESSAGE_BYTES } from './server.js';
import { fromServiceError } from './status.js';

export type { MeshStatus__Output as MeshStatus } from '../../../generated/mesh/v1/MeshStatus.js';
export type { Delivery__Output as Delivery } from '../../../generated/mesh/v1/Delivery.js';
export type { Update__Output as Update } from '../../../generated/mesh/v1/Update.js';

type Unary<Req, Res> = (req: Req, cb: (err: ServiceError | null, res?: Res) => void) => unknown;

/** A pipelined publisher on one PublishClientDataStream call; answers arrive in request order. */
export interface Publisher {
  /** Publishes one batch; resolves with its answer. */
  publish(payloads: Uint8Array[], ackLevel?: 'SOURCE_DURABLE' | 'TARGETS_STORED'): Promise<PublishClientDataResponse__Output>;
  /** Ends the call after every answer arrived. */
  end(): Promise<void>;
  /** Cancels the call: unanswered publishes reject with ERR_ABORTED (they may or may not be stored). */
  cancel(): void;
}

/** Options of {@link MeshClient.subscribe}. */
export interface SubscribeOptions {
  streamId: string;
  tenantId: string;
  /** Messages the server may have in flight toward this subscriber. */
  credits?: number;
  /** Processes one batch; the batch is acknowledged (with as many new credits) once this resolves. */
  onMessages(msgs: Delivery__Output[], source: string): void | Promise<void>;
}

/** A running subscription. */
export interface SubscriptionHandle {
  /** Resolves when the server ends the call; rejects with its error. */
  done: Promise<void>;
  close(): void;
}

/** MeshService client for one node's gRPC address (host:port). */
export class MeshClient {
  private c: MeshServiceClient;

  constructor(readonly address: string) {
    const Ctor = loadMeshProto().mesh.v1.MeshService;
    this.c = new Ctor(address, credentials.createInsecure(), {
      'grpc.max_receive_message_length': MAX_GRPC_MESSAGE_BYTES, 'grpc.max_send_message_length': MAX_GRPC_MESSAGE_BYTES,
    });
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
  /** GetMeshStatus. */
  status(): Promise<MeshStatus__Output> {
    return this.call(this.c.GetMeshStatus, {});
  }
  /** OpenClientDataStream with qos EXACTLY_ONCE; resolves to the stream id. @throws MeshError ERR_INVALID_ARGUMENT, ERR_NOT_FOUND. */
  async openStream(tenantId: string, targets: string[], priority = 0): Promise<string> {
    return (await this.call(this.c.OpenClientDataStream, { tenant_id: tenantId, targets, qos: 'EXACTLY_ONCE', priority })).stream_id;
  }
  /** PublishClientData (unary). @throws MeshError ERR_NOT_FOUND, ERR_INVALID_ARGUMENT, ERR_PAYLOAD_TOO_LARGE. */
  publish(streamId: string, payloads: Uint8Array[], ackLevel: 'SOURCE_DURABLE' | 'TARGETS_STORED' = 'SOURCE_DURABLE') {
    return this.call(this.c.PublishClientData, { stream_id: streamId, payloads, ack_level: ackLevel });
  }

  /** Opens a streaming publisher for one stream. */
  publisher(streamId: string): Publisher {
    const call = this.c.PublishClientDataStream();
    const waiting: Array<{ resolve(r: PublishClientDataResponse__Output): void; reject(e: MeshError): void }> = [];
    let failure: MeshError | null = null;
    let nextId = 1;
    const ended = new Promise<void>((resolve) => call.on('end', resolve).on('close', resolve));
    call.on('data', (r: PublishClientDataResponse__Output) => waiting.shift()?.resolve(r));
    call.on('error', (err: ServiceError) => {
      failure = fromServiceError(err);
      for (const w of waiting.splice(0)) w.reject(failure);
    });
    return {
      publish: (payloads, ackLevel = 'SOURCE_DURABLE') => new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        waiting.push({ resolve, reject });
        call.write({ stream_id: streamId, payloads, ack_level: ackLevel, request_id: nextId++ });
      }),
      end: async () => {
        call.end();
        await ended;
      },
      cancel: () => call.cancel(),
    };
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
        await o.onMessages(b.messages, b.source);
        const last = b.messages[b.messages.length - 1];
        if (last) call.write({ ack: { offset: last.seq, credits: b.messages.length } });
      }).catch((err: Error) => { call.destroy(err); });
    });
    call.write({ start: { stream_id: o.streamId, tenant_id: o.tenantId, credits } });
    return { done, close: () => call.cancel() };
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
  subscribeUpdates(kind: 'mesh' | 'node' | 'db', o: { fromIndex?: number; subscriberId?: string; window?: number; onUpdates(u: Update__Output[]): void | Promise<void> }): SubscriptionHandle {
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

  /** Closes the channel. */
  close(): void {
    this.c.close();
  }
}
