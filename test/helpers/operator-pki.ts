/**
 * An operator's own PKI for tests: a CA and node certificates shaped like SPIFFE X.509-SVIDs
 * (URI SAN `spiffe://<domain>/node/<id>`), written as PEM files.
 */
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const year = () => ({ notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 365 * 86_400_000) });

async function pem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Files of one node's operator identity. */
export interface OperatorNodeFiles {
  caCert: string;
  cert: string;
  key: string;
}

/**
 * Writes a CA and, for each entry of `nodes`, a certificate: an id names itself in its SAN; a pair
 * `[id, sanId]` makes a certificate for `id`'s files that names `sanId`.
 */
export async function operatorPki(dir: string, domain: string, nodes: Array<string | [string, string]>): Promise<Record<string, OperatorNodeFiles>> {
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=operator CA ${domain}`, keys: caKeys, signingAlgorithm: ALG, ...year(),
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  const caCert = join(dir, `${domain}-ca.crt`);
  writeFileSync(caCert, ca.toString('pem'));
  const out: Record<string, OperatorNodeFiles> = {};
  for (const n of nodes) {
    const [id, san] = typeof n === 'string' ? [n, n] : n;
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.create({
      subject: `CN=${id}`, issuer: ca.subject, publicKey: keys.publicKey, signingKey: caKeys.privateKey, signingAlgorithm: ALG, ...year(),
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'url', value: `spiffe://${domain}/node/${san}` }])],
    });
    out[id] = { caCert, cert: join(dir, `${id}.crt`), key: join(dir, `${id}.key`) };
    writeFileSync(out[id].cert, cert.toString('pem'));
    writeFileSync(out[id].key, await pem(keys.privateKey), { mode: 0o600 });
  }
  return out;
}
