/**
 * Who may call what on the API (docs/SECURITY.md "API"): bearer tokens verified against the
 * issuing member's recorded key, and roles from the token's claims or from ACL grants in the Mesh
 * Control Group. Tokens are issued here, signed by this node's key, and recorded (without the
 * token) in the group so `ListTokens` shows them at every node; revocations and grants go through
 * the group and hold at every node once applied.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { McgAcl, McgToken } from '../consensus/mcg/index.js';
import { RoleSchema, TOKEN_LEEWAY_S, issueToken, verifyToken, type NodeIdentity, type TokenClaims, type TokenRequest } from '../security/index.js';
import type { NodeControl } from './control.js';
import type { NodeTrust } from './trust.js';

/** The actions a principal is checked for. */
export type Action = 'admin' | 'publisher' | 'subscriber';

/** An authenticated caller: its token's claims, and what it may do. */
export class Principal {
  constructor(readonly claims: TokenClaims, private readonly grants: () => Iterable<McgAcl>) {}

  /** True for an admin token. */
  get admin(): boolean {
    return this.claims.role === 'admin';
  }

  /**
   * True when this principal may act as `role` on `tenant` (and on `streamId`, when given): an
   * admin may do anything; otherwise the token's own role and tenant (and streams, if it is
   * narrowed), or an ACL grant for its subject.
   */
  may(role: 'publisher' | 'subscriber', tenant: string, streamId?: string): boolean {
    if (this.admin) return true;
    const c = this.claims;
    if (c.role === role && c.tenant === tenant && (!c.streams?.length || (streamId !== undefined && c.streams.includes(streamId)))) return true;
    for (const g of this.grants()) {
      if (g.subject === c.sub && g.role === role && g.tenant === tenant && (!g.stream || g.stream === streamId)) return true;
    }
    return false;
  }

  /**
   * @throws MeshError ERR_PERMISSION_DENIED unless {@link may} (or, for `admin`, an admin token).
   */
  require(action: Action, tenant = '', streamId?: string): void {
    const ok = action === 'admin' ? this.admin : this.may(action, tenant, streamId);
    if (!ok) {
      const what = action === 'admin' ? 'an admin token' : `role ${action} on tenant ${tenant}${streamId ? ` stream ${streamId}` : ''}`;
      throw new MeshError(ErrorCode.PermissionDenied, `${this.claims.sub} (${this.claims.role}) lacks ${what}`);
    }
  }
}

/** Verified tokens remembered per node (each call with one skips the signature check). */
export const VERIFIED_TOKENS = 10_000;

/** Default lifetime of the admin token written at start-up (ms): 30 days. */
export const ADMIN_TOKEN_TTL_MS = 30 * 24 * 3600_000;

/** Token verification, issuing and revocation, and ACL grants, for one node. */
export class AccessControl {
  constructor(
    private readonly selfId: string,
    private readonly identity: NodeIdentity,
    private readonly trust: NodeTrust,
    private readonly control: NodeControl,
  ) {}

  /**
   * Authenticates a bearer token.
   * @throws MeshError ERR_UNAUTHENTICATED (see {@link verifyToken}).
   */
  async authenticate(token: string): Promise<Principal> {
    const st = this.control.mcg.state;
    const keyOf = (kid: string) => (kid === this.selfId ? this.identity.spki : this.trust.member(kid)?.spki);
    const hit = this.verified.get(token);
    // A token verified before: its signature need not be checked again while its issuer's key is
    // unchanged; expiry and revocation are checked on every call.
    if (hit && keyOf(hit.claims.iss) === hit.spki && Date.now() / 1000 < hit.claims.exp + TOKEN_LEEWAY_S && !st.revoked.has(hit.claims.jti)) {
      this.verified.delete(token);
      this.verified.set(token, hit);
      return hit.principal;
    }
    this.verified.delete(token);
    const claims = await verifyToken(token, { selfId: this.selfId, keyOf, isRevoked: (jti) => st.revoked.has(jti) });
    const principal = new Principal(claims, () => this.control.mcg.state.acls.values());
    this.verified.set(token, { claims, spki: keyOf(claims.iss) ?? '', principal });
    if (this.verified.size > VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    return principal;
  }

  /** Tokens verified recently (least recently used first), so a call does not check a signature again. */
  private verified = new Map<string, { claims: TokenClaims; spki: string; principal: Principal }>();

  private adminTokenPath: string | null = null;

  /**
   * Writes a fresh admin token for this node (audience: this node) to `path`, mode 0600.
   * It works before the node belongs to a mesh (its own key checks it).
   */
  async writeAdminToken(path: string, ttlMs = ADMIN_TOKEN_TTL_MS): Promise<void> {
    this.adminTokenPath = path;
    const { token } = await issueToken(this.identity.signingKey, this.selfId, { subject: `admin@${this.selfId}`, role: 'admin', audience: [this.selfId], ttlMs });
    writeFileSync(path, `${token}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }

  /**
   * After this node's key changed: tokens it signed no longer verify anywhere (rotation revokes
   * them), so the admin token file is written again with the new key.
   */
  async keyRotated(): Promise<void> {
    if (this.adminTokenPath) await this.writeAdminToken(this.adminTokenPath);
  }

  /**
   * CreateToken: signs a token and records it in the control group.
   * @throws MeshError ERR_INVALID_ARGUMENT (role, tenant, ttl, audience), ERR_FAILED_PRECONDITION
   *   (not a member), ERR_UNAVAILABLE (no quorum in time).
   */
  async createToken(r: Omit<TokenRequest, 'role'> & { role: string }): Promise<{ token: string; claims: TokenClaims }> {
    const role = RoleSchema.safeParse(r.role);
    if (!role.success) throw new MeshError(ErrorCode.InvalidArgument, 'role must be admin, publisher or subscriber');
    if (!r.subject || r.subject.length > 200) throw new MeshError(ErrorCode.InvalidArgument, 'subject must be 1-200 characters');
    if (r.streams && r.streams.length > 1000) throw new MeshError(ErrorCode.InvalidArgument, 'at most 1000 streams');
    const audience = r.audience.length ? r.audience : [this.selfId];
    const out = await issueToken(this.identity.signingKey, this.selfId, { ...r, role: role.data, audience });
    const c = out.claims;
    const stamp = this.control.stamp('');
    await this.control.write('CreateToken', {
      t: 'token-issue', jti: c.jti, sub: c.sub, role: c.role, tenant: c.tenant, streams: c.streams ?? [], aud: audience, iss: c.iss, exp: c.exp, ...stamp,
    }, 0);
    return out;
  }

  /** RevokeToken: refuses the token at every node once applied. */
  async revokeToken(jti: string): Promise<number> {
    if (!jti || jti.length > 64) throw new MeshError(ErrorCode.InvalidArgument, 'jti must be 1-64 characters');
    return (await this.control.write('RevokeToken', { t: 'token-revoke', jti, ...this.control.stamp('') }, 0)).index;
  }

  /** The recorded tokens that have not expired. */
  tokens(): McgToken[] {
    const now = Date.now() / 1000;
    return [...this.control.mcg.state.tokens.values()].filter((t) => t.exp >= now);
  }

  /**
   * GrantAcl / RevokeAcl.
   * @throws MeshError ERR_INVALID_ARGUMENT (role, subject, tenant, stream id).
   */
  async changeAcl(grant: boolean, a: { subject: string; tenant: string; role: string; stream?: string }): Promise<number> {
    if (a.role !== 'publisher' && a.role !== 'subscriber') throw new MeshError(ErrorCode.InvalidArgument, 'an ACL role is publisher or subscriber');
    if (!a.subject || a.subject.length > 200 || !a.tenant || a.tenant.length > 200) throw new MeshError(ErrorCode.InvalidArgument, 'subject and tenant must be 1-200 characters');
    if (a.stream && a.stream.length > 26) throw new MeshError(ErrorCode.InvalidArgument, 'stream must be a stream id');
    const entry = { subject: a.subject, tenant: a.tenant, role: a.role, ...(a.stream ? { stream: a.stream } : {}) } as const;
    const t = grant ? 'acl-grant' as const : 'acl-revoke' as const;
    return (await this.control.write(grant ? 'GrantAcl' : 'RevokeAcl', { t, ...entry, ...this.control.stamp('') }, 0)).index;
  }

  /** The ACL grants. */
  acls(): McgAcl[] {
    return [...this.control.mcg.state.acls.values()];
  }
}
