/**
 * The pair keys of one data plane: per peer tag, `tx` seals routed frames this node sends to the
 * peer and `rx` checks routed frames from it (`src/shared/wire/auth.ts`; the control plane derives
 * them, see src/main/security/frame-keys.ts). With `insecureDevOnly` frames are neither sealed nor
 * checked; a key must still exist (the peer must be a member).
 */
import { prepareTagKey, sealFrame, verifyFrameTag, type Frame } from '../../shared/wire/index.js';

/** Pair keys by peer tag; see the module comment. */
export class PairKeys {
  private keys = new Map<bigint, { tx: Uint8Array; rx: Uint8Array }>();

  constructor(private readonly insecureDevOnly: boolean) {}

  /** Replaces the table: rows of (peer tag, tx key, rx key). */
  set(rows: Array<[bigint, Uint8Array, Uint8Array]>): void {
    this.keys = new Map(rows.map(([tag, tx, rx]) => {
      prepareTagKey(tx);
      prepareTagKey(rx);
      return [tag, { tx, rx }];
    }));
  }

  /** The key that seals frames to `dst`, or undefined when `dst` is not a member here; null in insecure mode with a key. */
  sealer(dst: bigint): Uint8Array | null | undefined {
    const k = this.keys.get(dst)?.tx;
    if (!k) return undefined;
    return this.insecureDevOnly ? null : k;
  }

  /** Seals an encoded routed frame to `dst`. @returns false when there is no key for `dst`. */
  seal(frame: Uint8Array, dst: bigint): boolean {
    const k = this.sealer(dst);
    if (k === undefined) return false;
    if (k) sealFrame(frame, k);
    return true;
  }

  /** Checks a routed frame addressed to this node: 'ok', 'no-key' (unknown source) or 'bad-tag'. */
  check(f: Frame): 'ok' | 'no-key' | 'bad-tag' {
    const key = this.keys.get(f.src)?.rx;
    if (!key) return 'no-key';
    return this.insecureDevOnly || verifyFrameTag(f, key) ? 'ok' : 'bad-tag';
  }
}
