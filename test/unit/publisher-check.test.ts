import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { tagOf } from '../../src/shared/ids.js';
import { McgState } from '../../src/main/consensus/mcg/index.js';
import { encodeCommand } from '../../src/main/consensus/mcg/commands.js';
import { PublisherCheck } from '../../src/main/node/publisher-check.js';
import { payloadAad, sealPayload } from '../../src/main/security/index.js';

const S1 = '01STREAM100000000000000000';
const S2 = '01STREAM200000000000000000';

test('the target admits a message only when its publisher may publish there by the recorded tokens and grants', () => {
  const s = new McgState();
  let i = 0;
  const apply = (cmd: Parameters<typeof encodeCommand>[0]) => s.apply({ index: ++i, term: 1, kind: 'data', data: encodeCommand(cmd) });
  const stamp = () => ({ origin: 'a', at: Date.now() });
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const check = new PublisherCheck(() => s);
  const msg = (publisher: string, tenant = 't1') => sealPayload(randomBytes(32), 1, payloadAad(tenant, S1), Buffer.from('x'), tagOf(publisher));
  const verdict = (publisher: string, tenant = 't1', stream = S1, source = 'a') => check.refusal(source, tagOf(tenant), stream, msg(publisher, tenant));

  assert.equal(verdict('admin@a'), null, 'the source node\'s own admin');
  assert.equal(verdict('admin@b'), 'acl_denied', 'another node\'s admin subject, claimed by a');
  assert.equal(verdict('alice'), 'acl_denied', 'no record at all');
  assert.equal(check.refusal('a', tagOf('t1'), S1, Buffer.from('plaintext bytes')), 'not_sealed');

  apply({ t: 'token-issue', jti: 'j1', sub: 'alice', role: 'publisher', tenant: 't1', streams: [S1], aud: ['*'], iss: 'a', exp, ...stamp() });
  assert.equal(verdict('alice'), null, 'a token for this tenant and stream');
  assert.equal(verdict('alice', 't1', S2), 'acl_denied', 'the token is narrowed to another stream');
  assert.equal(verdict('alice', 't2'), 'acl_denied', 'another tenant');
  apply({ t: 'token-issue', jti: 'j2', sub: 'bob', role: 'subscriber', tenant: 't1', streams: [], aud: ['*'], iss: 'a', exp, ...stamp() });
  assert.equal(verdict('bob'), 'acl_denied', 'a subscriber token');
  apply({ t: 'acl-grant', subject: 'bob', tenant: 't1', role: 'publisher', ...stamp() });
  assert.equal(verdict('bob', 't1', S2), null, 'a grant on the tenant covers every stream');
  apply({ t: 'acl-revoke', subject: 'bob', tenant: 't1', role: 'publisher', ...stamp() });
  assert.equal(verdict('bob', 't1', S2), 'acl_denied', 'a revoked grant, once applied');
  apply({ t: 'token-revoke', jti: 'j1', ...stamp() });
  assert.equal(verdict('alice'), 'acl_denied', 'a revoked token, once applied');
  apply({ t: 'token-issue', jti: 'j3', sub: 'carol', role: 'admin', streams: [], aud: ['*'], iss: 'b', exp, ...stamp() });
  assert.equal(verdict('carol', 't9', S2, 'c'), null, 'an admin token reaches everything');
});
