/**
 * Operator-supplied certificates (docs/SECURITY.md "Operator CA"): instead of meshd's own mesh CA,
 * an operator gives each node its CA certificate and a certificate and key issued by it, shaped
 * like SPIFFE X.509-SVIDs (URI SAN `spiffe://<trust domain>/node/<node id>`). The CA's SPKI
 * fingerprint is then the mesh fingerprint; the CA key never reaches meshd, so a node can join only
 * with a certificate the operator issued for its node id.
 */
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ErrorCode, MeshError } from '../../shared/errors.js';

/** Files of an operator identity (config `security`). */
export interface OperatorFiles {
  caCertFile: string;
  certFile: string;
  keyFile: string;
}

/** A checked operator identity: PEM texts. */
export interface OperatorIdentity {
  caCert: string;
  cert: string;
  key: string;
}

/** True when `cert` carries the URI SAN `spiffe://<domain>/node/<nodeId>`. */
export function hasNodeSan(cert: X509Certificate, nodeId: string): boolean {
  return (cert.subjectAltName ?? '').split(', ').some((n) => {
    const m = /^URI:spiffe:\/\/[^/]+\/node\/(.+)$/.exec(n);
    return m?.[1] === nodeId;
  });
}

/**
 * Reads and checks an operator identity: the certificate is issued (and signed) by the CA, names
 * `nodeId` in its SPIFFE URI SAN, and the key is its private key (ECDSA P-256).
 * @throws MeshError ERR_CONFIG_INVALID saying which check failed.
 */
export function loadOperatorIdentity(files: OperatorFiles, nodeId: string): OperatorIdentity {
  const bad = (why: string, cause?: unknown): never => { throw new MeshError(ErrorCode.ConfigInvalid, `security: ${why}`, { cause }); };
  let caCert = '';
  let cert = '';
  let key = '';
  try {
    caCert = readFileSync(files.caCertFile, 'utf8');
    cert = readFileSync(files.certFile, 'utf8');
    key = readFileSync(files.keyFile, 'utf8');
  } catch (err) {
    bad(`cannot read the certificate files: ${(err as Error).message}`, err);
  }
  let ca: X509Certificate;
  let leaf: X509Certificate;
  try {
    ca = new X509Certificate(caCert);
    leaf = new X509Certificate(cert);
  } catch (err) {
    return bad(`not a PEM certificate: ${(err as Error).message}`, err);
  }
  if (!ca.ca) bad(`${files.caCertFile} is not a CA certificate`);
  if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) bad(`${files.certFile} is not issued by ${files.caCertFile}`);
  if (!hasNodeSan(leaf, nodeId)) bad(`${files.certFile} has no URI SAN spiffe://<domain>/node/${nodeId}`);
  try {
    const priv = createPrivateKey(key);
    if (priv.asymmetricKeyType !== 'ec' || priv.asymmetricKeyDetails?.namedCurve !== 'prime256v1') bad('the key must be ECDSA P-256');
    const spki = (k: ReturnType<typeof createPublicKey>) => k.export({ type: 'spki', format: 'der' });
    if (!spki(createPublicKey(priv)).equals(spki(leaf.publicKey))) bad(`${files.keyFile} is not the key of ${files.certFile}`);
  } catch (err) {
    if (err instanceof MeshError) throw err;
    bad(`cannot read the key: ${(err as Error).message}`, err);
  }
  return { caCert, cert, key };
}
