/**
 * A promise-based client of MeshControl and SupervisorControl (control.proto, supervisor.proto),
 * for meshctl and tests; same credentials and error mapping as {@link MeshClient}.
 */
import type { ServiceError } from '@grpc/grpc-js';
import type { MeshControlClient } from '../../../generated/mesh/v1/MeshControl.js';
import type { SupervisorControlClient } from '../../../generated/mesh/v1/SupervisorControl.js';
import type { LogLine__Output } from '../../../generated/mesh/v1/LogLine.js';
import type { Policy } from '../../../generated/mesh/v1/Policy.js';
import { channelOf, type ClientCredentials, type UpdateSubscriptionHandle } from './client.js';
import { loadMeshProto } from './proto.js';
import { fromServiceError } from './status.js';

type Unary<Req, Res> = (req: Req, cb: (err: ServiceError | null, res?: Res) => void) => unknown;

/** MeshControl and SupervisorControl of one node (admin token). */
export class OpsClient {
  private mc: MeshControlClient;
  private sc: SupervisorControlClient;

  constructor(readonly address: string, creds: ClientCredentials) {
    const ch = channelOf(creds);
    const pkg = loadMeshProto().mesh.v1;
    this.mc = new pkg.MeshControl(address, ch.credentials, ch.options);
    this.sc = new pkg.SupervisorControl(address, ch.credentials, ch.options);
  }

  private call<C, Req, Res>(c: C, fn: Unary<Req, Res>, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      fn.call(c, req, (err, res) => (err ? reject(fromServiceError(err)) : resolve(res as Res)));
    });
  }

  /** GetSessions: each neighbor with its lanes. */
  async sessions() {
    return (await this.call(this.mc, this.mc.GetSessions, {})).sessions;
  }
  /** AddSession: one more lane to a neighbor this node dialed. @throws MeshError ERR_NOT_FOUND, ERR_FAILED_PRECONDITION, ERR_ALREADY_EXISTS, ERR_INVALID_ARGUMENT. */
  addSession(peer: string, lane: number, timeoutMs = 0) {
    return this.call(this.mc, this.mc.AddSession, { peer, lane, timeout_ms: timeoutMs });
  }
  /** DropSession: closes one lane. @throws MeshError ERR_NOT_FOUND. */
  dropSession(linkId: number) {
    return this.call(this.mc, this.mc.DropSession, { link_id: linkId });
  }
  /** GetRoutingTable. */
  routingTable() {
    return this.call(this.mc, this.mc.GetRoutingTable, {});
  }
  /** GetTopology. */
  topology() {
    return this.call(this.mc, this.mc.GetTopology, {});
  }
  /** GetMessageMetrics. */
  messageMetrics() {
    return this.call(this.mc, this.mc.GetMessageMetrics, {});
  }
  /** GetConsensusState. */
  consensusState() {
    return this.call(this.mc, this.mc.GetConsensusState, {});
  }
  /** TriggerConsensusCheck. @throws MeshError ERR_UNAVAILABLE (no quorum), ERR_INVALID_ARGUMENT. */
  consensusCheck(timeoutMs = 0) {
    return this.call(this.mc, this.mc.TriggerConsensusCheck, { timeout_ms: timeoutMs });
  }
  /** SetPolicy: records `p` for its domain; resolves to the log index. @throws MeshError ERR_INVALID_ARGUMENT, ERR_UNAVAILABLE. */
  async setPolicy(p: Partial<Policy> & { domain: string }): Promise<number> {
    return (await this.call(this.mc, this.mc.SetPolicy, { policy: p })).index;
  }
  /** GetPolicy. @throws MeshError ERR_NOT_FOUND. */
  getPolicy(domain: string) {
    return this.call(this.mc, this.mc.GetPolicy, { domain });
  }
  /** ListPolicies. */
  async listPolicies() {
    return (await this.call(this.mc, this.mc.ListPolicies, {})).policies;
  }
  /** DeletePolicy. @throws MeshError ERR_NOT_FOUND. */
  async deletePolicy(domain: string): Promise<number> {
    return (await this.call(this.mc, this.mc.DeletePolicy, { domain })).index;
  }

  /** SupervisorControl.Start (StartMesh). */
  start() {
    return this.call(this.sc, this.sc.Start, {});
  }
  /** SupervisorControl.Stop: StopMesh, or with `exit` a graceful process stop. */
  stop(exit: boolean) {
    return this.call(this.sc, this.sc.Stop, { exit });
  }
  /** SupervisorControl.Health. */
  health() {
    return this.call(this.sc, this.sc.Health, {});
  }
  /** SupervisorControl.Metrics: `name{labels}` = value, for names starting with `prefix`. */
  async metrics(prefix = '') {
    return (await this.call(this.sc, this.sc.Metrics, { prefix })).metrics;
  }
  /** SupervisorControl.Config: the effective configuration (JSON), secrets redacted. */
  config() {
    return this.call(this.sc, this.sc.Config, {});
  }
  /** SupervisorControl.Logs: the last `tail` lines at `level` or above, then live ones, until closed. */
  logs(level: string, tail: number, onLine: (l: LogLine__Output) => void): UpdateSubscriptionHandle {
    const call = this.sc.Logs({ level, tail });
    const done = new Promise<void>((resolve, reject) => {
      call.on('error', (err: ServiceError) => (err.code === 1 ? resolve() : reject(fromServiceError(err))));
      call.on('end', () => resolve());
    });
    call.on('data', (l: LogLine__Output) => onLine(l));
    return { done, close: () => call.cancel() };
  }

  /** Closes both channels. */
  close(): void {
    this.mc.close();
    this.sc.close();
  }
}
