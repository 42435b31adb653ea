/**
 * Key fingerprints, usable in any thread: `sha256:<hex>` of a certificate's SubjectPublicKeyInfo
 * (DER), the form kubeadm uses for `--discovery-token-ca-cert-hash`. The Mesh Control Group
 * records members by this fingerprint, and links are accepted by it.
 */
import { X509Certificate, createHash } from 'node:crypto';

/** `sha256:<hex>` of a certificate's SubjectPublicKeyInfo (DER, PEM text, or parsed). */
export function spkiFingerprint(cert: Uint8Array | string | X509Certificate): string {
  const c = cert instanceof X509Certificate ? cert : new X509Certificate(typeof cert === 'string' ? cert : Buffer.from(cert));
  return spkiDerFingerprint(c.publicKey.export({ type: 'spki', format: 'der' }));
}

/** `sha256:<hex>` of a SubjectPublicKeyInfo given as DER (bytes, or base64 text). */
export function spkiDerFingerprint(spki: Uint8Array | string): string {
  const der = typeof spki === 'string' ? Buffer.from(spki, 'base64') : spki;
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** The SubjectPublicKeyInfo (DER, base64) of a certificate's key (DER bytes or PEM text). */
export function certSpki(cert: Uint8Array | string): string {
  const c = new X509Certificate(typeof cert === 'string' ? cert : Buffer.from(cert));
  return c.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** True when `s` has the shape of a fingerprint (`sha256:` and 64 lowercase hex digits). */
export function isFingerprint(s: string): boolean {
  return /^sha256:[0-9a-f]{64}$/.test(s);
}
