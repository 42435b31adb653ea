/**
 * Key fingerprints, usable in any thread: `sha256:<hex>` of a certificate's SubjectPublicKeyInfo
 * (DER), the form kubeadm uses for `--discovery-token-ca-cert-hash`. The Mesh Control Group
 * records members by this fingerprint, and links are accepted by it.
 */
import { X509Certificate, createHash } from 'node:crypto';

/** `sha256:<hex>` of a certificate's SubjectPublicKeyInfo (DER, PEM text, or parsed). */
export function spkiFingerprint(cert: Uint8Array | string | X509Certificate): string {
  const c = cert instanceof X509Certificate ? cert : new X509Certificate(typeof cert === 'string' ? cert : Buffer.from(cert));
  const der = c.publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** True when `s` has the shape of a fingerprint (`sha256:` and 64 lowercase hex digits). */
export function isFingerprint(s: string): boolean {
  return /^sha256:[0-9a-f]{64}$/.test(s);
}
