/**
 * System and internal-DB updates sealed under the mesh key (docs/SECURITY.md "Tenant data"):
 * SendMeshUpdate, SendNodeUpdate and SendInternalDBUpdate seal the payload (value) before it
 * enters the control group's log, bound to the update's kind and names; subscribers get it opened.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { UpdateView } from '../consensus/mcg/index.js';
import type { NodeControl } from './control.js';
import type { TenantCrypto } from './tenant-crypto.js';
import { MESH_SETTINGS_TOPIC, type SettingsValues } from './mesh-settings.js';

/** What an update's sealed payload is bound to: its kind and names. */
function updateLabel(kind: 'mesh' | 'node' | 'db', a: string, b = ''): string {
  return `${kind}-update\0${a}\0${b}`;
}

/** The update calls of a node, with sealing. */
export class SealedUpdates {
  /** `settings` checks a {@link MESH_SETTINGS_TOPIC} update (mesh-settings.ts `parseSettings`). */
  constructor(private readonly control: NodeControl, private readonly crypto: TenantCrypto, private readonly maxUpdateBytes: number, private readonly settings?: (payload: Uint8Array) => SettingsValues) {}

  /**
   * SendMeshUpdate: seals, then as {@link NodeControl.sendMeshUpdate}. The topic
   * {@link MESH_SETTINGS_TOPIC} carries mesh-wide settings instead: checked, then committed in
   * the clear as a `settings` entry (mesh-settings.ts); settings are not secret.
   * @throws MeshError ERR_PAYLOAD_TOO_LARGE (over `consensus.maxUpdateBytes`), ERR_INVALID_ARGUMENT
   *   (a settings update the configuration refuses), and as the control group's calls.
   */
  async sendMeshUpdate(topic: string, payload: Uint8Array, requestId: string) {
    this.checkSize(payload);
    if (topic === MESH_SETTINGS_TOPIC && this.settings) return this.control.setMeshSettings(this.settings(payload), requestId, payload.length);
    return this.control.sendMeshUpdate(topic, await this.crypto.sealUpdate(updateLabel('mesh', topic), payload), requestId, payload.length);
  }

  /** SendNodeUpdate; see {@link sendMeshUpdate}. */
  async sendNodeUpdate(nodeId: string, topic: string, payload: Uint8Array, requestId: string) {
    this.checkSize(payload);
    return this.control.sendNodeUpdate(nodeId, topic, await this.crypto.sealUpdate(updateLabel('node', topic, nodeId), payload), requestId, payload.length);
  }

  /** SendInternalDBUpdate; see {@link sendMeshUpdate}. A delete carries no value. */
  async sendDbUpdate(table: string, key: string, op: 'put' | 'delete', value: Uint8Array, requestId: string) {
    this.checkSize(value);
    const sealed = op === 'put' ? await this.crypto.sealUpdate(updateLabel('db', table, key), value) : new Uint8Array(0);
    return this.control.sendDbUpdate(table, key, op, sealed, requestId, value.length);
  }

  /**
   * An update as its subscriber gets it: payload and value opened.
   * @throws MeshError ERR_UNAVAILABLE (the mesh key epoch is not wrapped for this node yet), ERR_DECRYPT.
   */
  open(u: UpdateView): UpdateView {
    if (u.kind === 'db') return u.value.length ? { ...u, value: this.crypto.openUpdate(updateLabel('db', u.table, u.key), u.value) } : u;
    const label = u.kind === 'mesh' ? updateLabel('mesh', u.topic) : updateLabel('node', u.topic, u.nodeId);
    return { ...u, payload: this.crypto.openUpdate(label, u.payload) };
  }

  private checkSize(payload: Uint8Array): void {
    if (payload.length > this.maxUpdateBytes) {
      throw new MeshError(ErrorCode.PayloadTooLarge, `payload of ${payload.length} bytes is over the ${this.maxUpdateBytes}-byte limit`);
    }
  }
}
