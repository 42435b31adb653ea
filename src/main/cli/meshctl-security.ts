/**
 * meshctl's security commands: `identity show` (reads a node's identity directory; works with the
 * node stopped) and `identity rotate`, `token create|revoke|list`, `acl grant|revoke|list` and `tenant-key
 * rotate|status` (through the API, admin).
 */
import { X509Certificate, createPublicKey, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import ms from 'ms';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { spkiFingerprint } from '../../shared/crypto/fingerprint.js';
import type { MeshClient } from '../api/grpc/client.js';

type Out = (obj: unknown, text: string) => void;

/** Parses a duration such as `90s`, `15m`, `12h`, `30d` (the `ms` package). @throws MeshError ERR_INVALID_ARGUMENT. */
export function parseTtl(s: string): number {
  const v = ms(s as ms.StringValue);
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new MeshError(ErrorCode.InvalidArgument, `--ttl ${s}: expected a duration such as 15m, 12h or 30d`);
  return v;
}

/** What `identity show` prints for the identity directory `dir`. */
export function identityOf(dir: string): Record<string, string> {
  const file = (f: string) => join(dir, f);
  if (!existsSync(file('node.crt'))) throw new MeshError(ErrorCode.NotFound, `no node identity in ${dir}`);
  const cert = new X509Certificate(readFileSync(file('node.crt')));
  const kx = existsSync(file('node-kx.key')) ? (createPublicKey(createPrivateKey(readFileSync(file('node-kx.key'), 'utf8'))).export({ format: 'jwk' }) as { x: string }).x : '';
  const mode = (f: string) => (existsSync(file(f)) ? (statSync(file(f)).mode & 0o777).toString(8).padStart(4, '0') : 'missing');
  return {
    node: cert.subject.replace(/^CN=/, ''),
    key: spkiFingerprint(cert),
    issuer: cert.issuer,
    spiffe: /URI:(spiffe:\/\/\S+?)(,|$)/.exec(cert.subjectAltName ?? '')?.[1] ?? '',
    mesh: existsSync(file('mesh-ca.crt')) ? spkiFingerprint(readFileSync(file('mesh-ca.crt'), 'utf8')) : '',
    kx,
    api: existsSync(file('api.crt')) ? spkiFingerprint(readFileSync(file('api.crt'), 'utf8')) : '',
    modes: `dir ${mode('.')} node.key ${mode('node.key')} node-kx.key ${mode('node-kx.key')} api.key ${mode('api.key')}`,
  };
}

/** Adds `identity`, `token` and `acl` to meshctl. */
export function addSecurityCommands(program: Command, client: () => MeshClient, out: Out): void {
  const identity = program.command('identity').description('this node\'s keys and certificates');
  identity.command('show').description('node id, key fingerprint, mesh fingerprint, X25519 key, API certificate (read from the data dir)')
    .requiredOption('--data-dir <dir>', 'the node\'s data dir')
    .action((o: { dataDir: string }) => {
      const r = identityOf(join(o.dataDir, 'identity'));
      out(r, Object.entries(r).map(([k, v]) => `${k.padEnd(7)} ${v || '-'}`).join('\n'));
    });
  identity.command('rotate').description('replace the node\'s key pair and X25519 key through the control group')
    .action(async () => {
      const r = await client().rotateNodeKey();
      out(r, `new key ${r.key} (recorded at index ${r.index})`);
    });

  const token = program.command('token').description('API bearer tokens (admin)');
  token.command('create').description('issue a token signed by this node; prints it')
    .requiredOption('--role <role>', 'admin, publisher or subscriber').option('--tenant <id>', 'tenant (publisher, subscriber)')
    .option('--subject <name>', 'principal named by ACL grants', 'app').option('--stream <ids>', 'comma-separated stream ids to narrow the role to')
    .option('--audience <nodes>', 'comma-separated node ids it is valid at, or * (default: this node)').option('--ttl <duration>', 'lifetime, e.g. 12h or 30d', '24h')
    .action(async (o: { role: string; tenant?: string; subject: string; stream?: string; audience?: string; ttl: string }) => {
      const r = await client().createToken({
        subject: o.subject, role: o.role, tenant: o.tenant, streams: o.stream?.split(',').filter(Boolean), audience: o.audience?.split(',').filter(Boolean), ttlMs: parseTtl(o.ttl),
      });
      out(r, r.token);
    });
  token.command('revoke').description('revoke a token at every node').argument('<jti>', 'token id (from token list)')
    .action(async (jti: string) => out(await client().revokeToken(jti), `revoked ${jti}`));
  token.command('list').description('tokens recorded in the control group (never the tokens themselves)').action(async () => {
    const t = await client().listTokens();
    out(t, t.map((x) => `${x.jti} ${x.subject} ${x.role}${x.tenant ? ` tenant=${x.tenant}` : ''} aud=${x.audience.join(',')} expires ${new Date(Number(x.expires_at_ms)).toISOString()}${x.revoked ? ' REVOKED' : ''}`).join('\n'));
  });

  const acl = program.command('acl').description('grants of roles on tenants and streams (admin)');
  const entry = (c: Command) => c.requiredOption('--subject <name>', 'token subject').requiredOption('--tenant <id>', 'tenant')
    .requiredOption('--role <role>', 'publisher or subscriber').option('--stream <id>', 'one stream of the tenant');
  entry(acl.command('grant').description('grant a role')).action(async (o: { subject: string; tenant: string; role: string; stream?: string }) => {
    out(await client().grantAcl(o), `granted ${o.role} on ${o.tenant}${o.stream ? `/${o.stream}` : ''} to ${o.subject}`);
  });
  entry(acl.command('revoke').description('remove a grant')).action(async (o: { subject: string; tenant: string; role: string; stream?: string }) => {
    out(await client().revokeAcl(o), `revoked ${o.role} on ${o.tenant}${o.stream ? `/${o.stream}` : ''} from ${o.subject}`);
  });
  acl.command('list').description('every grant').action(async () => {
    const a = await client().listAcls();
    out(a, a.map((x) => `${x.subject} ${x.role} ${x.tenant}${x.stream ? `/${x.stream}` : ''}`).join('\n'));
  });

  const tk = program.command('tenant-key').description('tenant encryption keys (admin; keys never leave the nodes)');
  tk.command('rotate').description('add the next key epoch of a tenant; earlier epochs stay readable').argument('<tenant>')
    .action(async (tenant: string) => {
      const epoch = await client().rotateTenantKey(tenant);
      out({ tenant, epoch }, `tenant ${tenant}: new payloads are sealed under epoch ${epoch}`);
    });
  tk.command('status').description('key epochs per tenant and the members holding each').argument('[tenant]')
    .action(async (tenant?: string) => {
      const t = await client().tenantKeys(tenant ?? '');
      out(t, t.map((x) => [`${x.tenant} current epoch ${x.current}`, ...x.epochs.map((e) => `  epoch ${e.epoch} by ${e.created_by} at ${new Date(Number(e.created_at_ms)).toISOString()} wrapped for ${e.wrapped_for.join(',')}`)].join('\n')).join('\n'));
    });
}
