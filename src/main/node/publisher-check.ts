/**
 * The target's second look at who published (docs/SECURITY.md "API", "ACLs at the target"): every
 * sealed payload names the tag of the API subject that published it (`src/main/security/sealing.ts`),
 * and a target stores a message from the mesh only when that subject may still publish to the
 * stream by the Mesh Control Group's records as this node has applied them: a recorded, unrevoked
 * token of the subject with role admin, or role publisher for the stream's tenant (and this stream,
 * when the token is narrowed), or an ACL grant; or the subject is the source node's own admin
 * (`admin@<source>`, whose token is written at the source and never leaves it).
 *
 * So a source whose view of the records is behind (a revocation it has not applied yet), or one
 * that stamps a subject without the right, does not get the message stored. A refused message
 * is not acknowledged: it stays in the source's outbox, is sent again, and is stored once the
 * subject has the right again; nothing acknowledged to a producer is lost, but the stream waits.
 */
import { tagOf } from '../../shared/ids.js';
import type { McgState } from '../consensus/mcg/index.js';
import { sealedPublisher } from '../security/index.js';

/** Decisions remembered at most; the cache empties when token or ACL records change. */
export const PUBLISHER_CACHE = 10_000;

/** Why a message from the mesh was refused, as a `meshd_stream_drops_total` reason. */
export type PublisherRefusal = 'acl_denied' | 'not_sealed';

/** Checks the publisher named in sealed payloads against the control group's access records. */
export class PublisherCheck {
  private version = -1;
  private cache = new Map<string, boolean>();
  private subjects = new Map<bigint, string[]>();

  constructor(private readonly state: () => McgState) {}

  /**
   * Null when the publisher of `payload` (a sealed payload of stream `streamId`, tenant tag
   * `tenantTag`, from node `source`) may publish there, else why not.
   */
  refusal(source: string, tenantTag: bigint, streamId: string, payload: Uint8Array): PublisherRefusal | null {
    let publisher: bigint;
    try {
      publisher = sealedPublisher(payload);
    } catch {
      return 'not_sealed';
    }
    const st = this.state();
    if (st.accessVersion !== this.version) this.reindex(st);
    const key = `${source}\0${tenantTag}\0${streamId}\0${publisher}`;
    let ok = this.cache.get(key);
    if (ok === undefined) {
      ok = this.decide(st, source, tenantTag, streamId, publisher);
      if (this.cache.size >= PUBLISHER_CACHE) this.cache.clear();
      this.cache.set(key, ok);
    }
    return ok ? null : 'acl_denied';
  }

  private decide(st: McgState, source: string, tenantTag: bigint, streamId: string, publisher: bigint): boolean {
    if (publisher === tagOf(`admin@${source}`)) return true;
    const subjects = this.subjects.get(publisher);
    if (!subjects) return false;
    for (const t of st.tokens.values()) {
      if (t.revoked || !subjects.includes(t.sub)) continue;
      if (t.role === 'admin') return true;
      if (t.role === 'publisher' && t.tenant !== undefined && tagOf(t.tenant) === tenantTag && (!t.streams.length || t.streams.includes(streamId))) return true;
    }
    for (const g of st.acls.values()) {
      if (g.role === 'publisher' && subjects.includes(g.subject) && tagOf(g.tenant) === tenantTag && (!g.stream || g.stream === streamId)) return true;
    }
    return false;
  }

  /** Subject tags of every recorded token and grant (tags may collide: all subjects are kept). */
  private reindex(st: McgState): void {
    this.version = st.accessVersion;
    this.cache.clear();
    this.subjects.clear();
    const add = (s: string) => {
      const tag = tagOf(s);
      const list = this.subjects.get(tag);
      if (!list) this.subjects.set(tag, [s]);
      else if (!list.includes(s)) list.push(s);
    };
    for (const t of st.tokens.values()) add(t.sub);
    for (const g of st.acls.values()) add(g.subject);
  }
}
