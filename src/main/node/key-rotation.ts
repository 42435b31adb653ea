/**
 * RotateNodeKey (docs/SECURITY.md "Keys and certificates"): replaces this node's signing key and
 * X25519 key. The new keys are stored as `*.next` first, recorded in the control group
 * (`node-key`), then put in use: certificate reissued under the mesh CA, TLS identity and pair keys
 * refreshed, admin token rewritten. Links already up stay up; every new link and every frame after
 * the switch uses the new keys, and the old key is refused everywhere once the entry is applied.
 * Frames sealed with the old pair keys in that moment are dropped and sent again. Tokens this node
 * signed stop verifying. This node's copies of tenant keys are unwrapped into memory first and
 * wrapped again for its new key once the switch is recorded. A crash in between is settled at the next start ({@link KeyRotation.settle}).
 */
import type { DataPlanePort } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import type { NodeIdentity } from '../security/index.js';
import type { AccessControl } from './access.js';
import type { NodeControl } from './control.js';

/** What key rotation needs from the node. */
export interface KeyRotationDeps {
  selfId: string;
  identity: NodeIdentity;
  control: NodeControl;
  access: AccessControl;
  dp: DataPlanePort;
  log: Logger;
  meshId(): string | undefined;
  /** @throws MeshError ERR_FAILED_PRECONDITION when not a member. */
  requireMember(): void;
  /** Pushes member keys to the data plane again. */
  refreshTrust(): void;
  /** Unwraps every tenant key this node holds into memory (its copies are wrapped again after the switch). */
  holdKeys(): void;
}

/** Rotation of this node's keys through the control group. */
export class KeyRotation {
  private settling: Promise<void> | null = null;

  constructor(private readonly d: KeyRotationDeps) {}

  /**
   * Rotates; resolves to the new key's fingerprint and the `node-key` entry's index.
   * @throws MeshError ERR_FAILED_PRECONDITION (not a member, CRITICAL, operator keys), ERR_UNAVAILABLE (no quorum).
   */
  async rotate(): Promise<{ key: string; index: number }> {
    this.d.requireMember();
    const next = await this.d.identity.prepareRotation();
    this.d.holdKeys();
    let index: number;
    try {
      index = await this.d.control.rotateKeys(next);
    } catch (err) {
      if (this.d.control.mcg.state.members.get(this.d.selfId)?.key !== next.key) this.d.identity.discardRotation();
      throw err;
    }
    await this.settle();
    this.d.log.warn({ key: next.key, index }, 'node key rotated');
    return { key: next.key, index };
  }

  /**
   * Puts a prepared rotation in use once the control group records it for this node, or drops it
   * when the group records the current key (called at start-up and when members change; one at a time).
   */
  settle(): Promise<void> {
    this.settling ??= this.settleNow().finally(() => { this.settling = null; });
    return this.settling;
  }

  private async settleNow(): Promise<void> {
    const { identity } = this.d;
    const pending = identity.pendingRotation;
    const recorded = this.d.control.mcg.state.members.get(this.d.selfId)?.key;
    const meshId = this.d.meshId();
    if (!pending || !recorded || !meshId) return;
    if (recorded === pending.key) {
      await identity.commitRotation(meshId);
      this.d.dp.execute({ type: 'set-identity', identity: identity.tls() });
      await this.d.access.keyRotated();
      this.d.refreshTrust();
    } else if (recorded === identity.fingerprint) {
      identity.discardRotation();
    }
  }
}
