/**
 * Node identity and the mesh's certificate authority (ARCHITECTURE.md "Trust").
 *
 * Each node has its own ECDSA P-256 key pair, created at first start in `<dataDir>/identity`
 * (directory 0700, key files 0600), and a certificate for it: self-signed until the node seeds or
 * joins a mesh, then issued by the mesh CA with the subject `CN=<nodeId>` and a SPIFFE-style URI
 * SAN `spiffe://<meshId>/node/<nodeId>`. The Mesh Control Group records every member's key by its
 * SPKI fingerprint ({@link spkiFingerprint}); that record, not the certificate chain, decides
 * whether a link is accepted. The mesh CA exists so a joining node can check, before it proves its
 * join key, that it talks to the real mesh: the mesh fingerprint is `sha256:<hex>` of the CA's
 * SubjectPublicKeyInfo, as kubeadm's `--discovery-token-ca-cert-hash`.
 *
 * Besides the signing key, each node has an X25519 key pair (`node-kx.key`) whose public half the
 * Mesh Control Group records next to the signing key: two nodes agree on the keys that tag the
 * frames between them from these (`frame-keys.ts`). The signing key also signs the node's LSAs.
 *
 * The gRPC API has its own self-signed certificate (`api.crt`), which clients pin.
 *
 * Certificates are built with `@peculiar/x509` over Node's WebCrypto; they are parsed and
 * verified with `node:crypto`'s X509Certificate. No ASN.1 is written by hand.
 */
import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 providers through tsyringe, which needs it
import {
  X509Certificate, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, sign, webcrypto, type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { spkiFingerprint } from '../../shared/crypto/fingerprint.js';

export { certSpki, isFingerprint, spkiDerFingerprint, spkiFingerprint } from '../../shared/crypto/fingerprint.js';
import { spkiDerFingerprint } from '../../shared/crypto/fingerprint.js';
import type { OperatorIdentity } from './operator-ca.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
/** Validity of node and CA certificates (ms). Links trust the MCG record, not the validity dates. */
export const CERT_VALIDITY_MS = 20 * 365 * 24 * 3600 * 1000;
/** File names inside the identity directory. */
export const IdentityFile = {
  nodeKey: 'node.key', nodeCert: 'node.crt', kxKey: 'node-kx.key', caKey: 'mesh-ca.key', caCert: 'mesh-ca.crt', apiKey: 'api.key', apiCert: 'api.crt',
} as const;

/** PEM key and certificate (chain: leaf first, then the CA) that TLS presents. */
export interface TlsIdentity {
  key: string;
  cert: string;
}

/** The mesh CA's key and certificate (PEM), handed to a new member inside its TLS join channel. */
export interface MeshCa {
  key: string;
  cert: string;
}

/**
 * Checks a peer's certificate chain (DER, leaf first) against a mesh fingerprint: some certificate
 * of the chain has that SPKI fingerprint and issued the leaf.
 * @throws MeshError ERR_PERMISSION_DENIED when it does not.
 */
export function verifyMeshChain(chain: Uint8Array[], meshFingerprint: string): void {
  const certs = chain.map((d) => new X509Certificate(Buffer.from(d)));
  const leaf = certs[0];
  const ca = certs.find((c) => spkiFingerprint(c) === meshFingerprint);
  if (!leaf || !ca || !leaf.verify(ca.publicKey) || !leaf.checkIssued(ca)) {
    throw new MeshError(ErrorCode.PermissionDenied, `the member's certificate is not issued by the mesh with fingerprint ${meshFingerprint}`);
  }
}

async function generateKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function exportPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
}

async function importPair(pem: string): Promise<CryptoKeyPair> {
  const priv = createPrivateKey(pem);
  const der = priv.export({ format: 'der', type: 'pkcs8' });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, ALG, true, ['sign']);
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  const publicKey = await webcrypto.subtle.importKey('spki', spki, ALG, true, ['verify']);
  return { privateKey, publicKey } as CryptoKeyPair;
}

function writeSecret(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function loadOrCreateKx(path: string): KeyObject {
  if (existsSync(path)) {
    chmodSync(path, 0o600);
    return createPrivateKey(readFileSync(path, 'utf8'));
  }
  const { privateKey } = generateKeyPairSync('x25519');
  writeSecret(path, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  return privateKey;
}

/** A new key pair and a self-signed CA:TRUE certificate for it (`keyUsage` and more extensions as given). */
async function selfSignedCa(name: string, keyUsage: number, extensions: x509.Extension[]): Promise<{ key: string; cert: string }> {
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name, keys, signingAlgorithm: ALG,
    notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + CERT_VALIDITY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(keyUsage, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey), ...extensions,
    ],
  });
  return { key: await exportPem(keys.privateKey), cert: cert.toString('pem') };
}

async function loadOrCreateApiTls(dir: string, nodeId: string): Promise<TlsIdentity> {
  const keyPath = join(dir, IdentityFile.apiKey);
  const certPath = join(dir, IdentityFile.apiCert);
  if (existsSync(keyPath) && existsSync(certPath)) {
    chmodSync(keyPath, 0o600);
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  }
  const api = await selfSignedCa(`CN=meshd api ${nodeId}`, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, [
    new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }]),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
  ]);
  writeSecret(keyPath, api.key);
  writeFileSync(certPath, api.cert, { mode: 0o600 });
  return api;
}

/**
 * A node's key pair and certificates, kept in one directory. {@link open} loads or creates them;
 * {@link adoptMeshCa} stores the mesh CA (at SeedMesh or from a join welcome) and reissues the
 * node's certificate under it.
 */
export class NodeIdentity {
  private keys!: CryptoKeyPair;
  private keyPem = '';
  private certPem = '';
  private ca: MeshCa | null = null;
  private signKey!: KeyObject;
  private kxKey!: KeyObject;
  private api!: TlsIdentity;
  /** True when the key and certificates are the operator's (see operator-ca.ts). */
  operator = false;
  /** Keys made by {@link prepareRotation}, not yet committed or discarded (also on disk as `*.next`). */
  private next: { keyPem: string; kxPem: string } | null = null;

  private constructor(readonly dir: string, readonly nodeId: string) {}

  /**
   * Loads the identity in `dir`, creating the key pair and a self-signed certificate at first
   * start. The directory is made 0700 and key files 0600 whatever they were.
   * @throws MeshError ERR_STORAGE when a key file cannot be read or parsed.
   */
  static async open(dir: string, nodeId: string, operator?: OperatorIdentity): Promise<NodeIdentity> {
    const id = new NodeIdentity(dir, nodeId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const keyPath = join(dir, IdentityFile.nodeKey);
    try {
      if (operator) {
        id.keyPem = operator.key;
        id.keys = await importPair(id.keyPem);
        id.certPem = operator.cert;
        id.ca = { cert: operator.caCert, key: '' };
        id.operator = true;
      } else if (existsSync(keyPath)) {
        chmodSync(keyPath, 0o600);
        id.keyPem = readFileSync(keyPath, 'utf8');
        id.keys = await importPair(id.keyPem);
        id.certPem = readFileSync(join(dir, IdentityFile.nodeCert), 'utf8');
        const caKey = join(dir, IdentityFile.caKey);
        if (existsSync(caKey)) {
          chmodSync(caKey, 0o600);
          id.ca = { key: readFileSync(caKey, 'utf8'), cert: readFileSync(join(dir, IdentityFile.caCert), 'utf8') };
        }
      } else {
        id.keys = await generateKeyPair();
        id.keyPem = await exportPem(id.keys.privateKey);
        id.certPem = await id.selfSigned();
        writeSecret(keyPath, id.keyPem);
        writeFileSync(join(dir, IdentityFile.nodeCert), id.certPem, { mode: 0o600 });
      }
      id.signKey = createPrivateKey(id.keyPem);
      id.kxKey = loadOrCreateKx(join(dir, IdentityFile.kxKey));
      if (existsSync(`${keyPath}.next`) && existsSync(join(dir, `${IdentityFile.kxKey}.next`))) {
        id.next = { keyPem: readFileSync(`${keyPath}.next`, 'utf8'), kxPem: readFileSync(join(dir, `${IdentityFile.kxKey}.next`), 'utf8') };
      }
      id.api = await loadOrCreateApiTls(dir, nodeId);
    } catch (err) {
      if (err instanceof MeshError) throw err;
      throw new MeshError(ErrorCode.Storage, `node identity in ${dir} cannot be loaded: ${(err as Error).message}`, { cause: err });
    }
    return id;
  }

  /** This node's SPKI fingerprint (what the MCG records). */
  get fingerprint(): string {
    return this.pub().key;
  }

  /** The signing key's SubjectPublicKeyInfo (DER, base64), as the MCG records it for LSA signatures. */
  get spki(): string {
    return this.pub().spki;
  }

  /** The X25519 public key (32 bytes, base64url), as the MCG records it for pair keys. */
  get kx(): string {
    return this.pub().kx;
  }

  /** The public halves, computed once per key (they are read on hot paths: tokens, pair keys). */
  private pub(): { key: string; spki: string; kx: string } {
    if (!this.pubCache) {
      const spki = createPublicKey(this.signKey).export({ type: 'spki', format: 'der' });
      this.pubCache = { key: spkiDerFingerprint(spki), spki: spki.toString('base64'), kx: (createPublicKey(this.kxKey).export({ format: 'jwk' }) as { x: string }).x };
    }
    return this.pubCache;
  }

  private pubCache: { key: string; spki: string; kx: string } | null = null;

  /** The node's private signing key (ECDSA P-256): signs LSAs and API tokens. */
  get signingKey(): KeyObject {
    return this.signKey;
  }

  /** Signs `data` with the node key: ECDSA P-256 over SHA-256, IEEE P1363 (r || s, 64 bytes). */
  sign(data: Uint8Array): Buffer {
    return sign('sha256', data, { key: this.signKey, dsaEncoding: 'ieee-p1363' });
  }

  /**
   * X25519 (RFC 7748) between this node's exchange key and a peer's public one (base64url).
   * @throws MeshError ERR_INVALID_ARGUMENT when `peerKx` is not an X25519 public key.
   */
  agree(peerKx: string): Buffer {
    try {
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: peerKx }, format: 'jwk' });
      return diffieHellman({ privateKey: this.kxKey, publicKey });
    } catch (err) {
      throw new MeshError(ErrorCode.InvalidArgument, `not an X25519 public key: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * The gRPC API's TLS key and certificate: self-signed (CA:TRUE, so clients can pin it as their
   * trust root), `CN=meshd api <nodeId>`, SAN `localhost` and `127.0.0.1`. Clients pin this file
   * (`api.crt`, `meshctl --ca-file`); no name check is needed against a pinned certificate.
   */
  get apiTls(): TlsIdentity {
    return this.api;
  }

  /** Path of the API certificate clients pin. */
  get apiCertPath(): string {
    return join(this.dir, IdentityFile.apiCert);
  }

  /** The mesh fingerprint (the CA's SPKI fingerprint), or null before the node seeds or joins. */
  get meshFingerprint(): string | null {
    return this.ca ? spkiFingerprint(this.ca.cert) : null;
  }

  /** The mesh CA, or null before the node seeds or joins. */
  get meshCa(): MeshCa | null {
    return this.ca;
  }

  /** What TLS presents: the node key and its certificate followed by the CA certificate, if any. */
  tls(): TlsIdentity {
    return { key: this.keyPem, cert: this.ca ? `${this.certPem.trim()}\n${this.ca.cert.trim()}\n` : this.certPem };
  }

  /**
   * Creates a new mesh CA (SeedMesh) and reissues this node's certificate under it; with an
   * operator CA, that CA is the mesh's (its key stays with the operator).
   */
  async createMeshCa(meshId: string): Promise<MeshCa> {
    if (this.operator) return this.ca!;
    const ca = await selfSignedCa(`CN=meshd mesh ${meshId}`, x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, []);
    await this.adoptMeshCa(ca, meshId);
    return ca;
  }

  /** Stores the mesh CA and reissues this node's certificate under it (SeedMesh, or a join's welcome). */
  async adoptMeshCa(ca: MeshCa, meshId: string): Promise<void> {
    if (this.operator || !ca.key) {
      if (this.operator && spkiFingerprint(ca.cert) === this.meshFingerprint) return;
      throw new MeshError(ErrorCode.PermissionDenied, this.operator
        ? 'the mesh uses another CA than this node\'s operator certificates'
        : 'the mesh uses an operator CA: start this node with --ca-cert, --cert and --key issued by it');
    }
    const caKeys = await importPair(ca.key);
    const caCert = new x509.X509Certificate(ca.cert);
    const cert = await x509.X509CertificateGenerator.create({
      subject: `CN=${this.nodeId}`, issuer: caCert.subject, publicKey: this.keys.publicKey, signingKey: caKeys.privateKey,
      signingAlgorithm: ALG, notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + CERT_VALIDITY_MS),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.SubjectAlternativeNameExtension([{ type: 'url', value: `spiffe://${meshId}/node/${this.nodeId}` }]),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      ],
    });
    writeSecret(join(this.dir, IdentityFile.caKey), ca.key);
    writeFileSync(join(this.dir, IdentityFile.caCert), ca.cert, { mode: 0o600 });
    this.certPem = cert.toString('pem');
    writeFileSync(join(this.dir, IdentityFile.nodeCert), this.certPem, { mode: 0o600 });
    this.ca = ca;
  }

  /**
   * Key rotation, step 1: makes a new signing key and X25519 key and stores them as `*.next`
   * (0600) next to the current ones, which stay in use. Resolves to the keys the control group must
   * record (`node-key`) before {@link commitRotation}. A pending rotation is replaced.
   */
  async prepareRotation(): Promise<{ key: string; spki: string; kx: string }> {
    if (this.operator) throw new MeshError(ErrorCode.FailedPrecondition, 'this node\'s key is the operator\'s: the operator issues a new certificate and key');
    const keys = await generateKeyPair();
    const keyPem = await exportPem(keys.privateKey);
    const kxPem = generateKeyPairSync('x25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    writeSecret(join(this.dir, `${IdentityFile.nodeKey}.next`), keyPem);
    writeSecret(join(this.dir, `${IdentityFile.kxKey}.next`), kxPem);
    this.next = { keyPem, kxPem };
    return this.pendingRotation!;
  }

  /** The keys of a prepared rotation (fingerprint, SPKI, X25519), or null. */
  get pendingRotation(): { key: string; spki: string; kx: string } | null {
    if (!this.next) return null;
    const spki = createPublicKey(createPrivateKey(this.next.keyPem)).export({ type: 'spki', format: 'der' });
    const kx = (createPublicKey(createPrivateKey(this.next.kxPem)).export({ format: 'jwk' }) as { x: string }).x;
    return { key: spkiDerFingerprint(spki), spki: spki.toString('base64'), kx };
  }

  /**
   * Key rotation, step 2 (once the control group recorded the new keys): the new keys replace the
   * old ones on disk and in use, and the certificate is reissued (under the mesh CA when there is
   * one). A crash between the renames leaves `*.next` files that {@link open} picks up again.
   */
  async commitRotation(meshId: string): Promise<void> {
    if (!this.next) return;
    const keyPath = join(this.dir, IdentityFile.nodeKey);
    const kxPath = join(this.dir, IdentityFile.kxKey);
    renameSync(`${kxPath}.next`, kxPath);
    renameSync(`${keyPath}.next`, keyPath);
    this.keyPem = this.next.keyPem;
    this.keys = await importPair(this.keyPem);
    this.signKey = createPrivateKey(this.keyPem);
    this.kxKey = createPrivateKey(this.next.kxPem);
    this.next = null;
    this.pubCache = null;
    if (this.ca) await this.adoptMeshCa(this.ca, meshId);
    else {
      this.certPem = await this.selfSigned();
      writeFileSync(join(this.dir, IdentityFile.nodeCert), this.certPem, { mode: 0o600 });
    }
  }

  /** Drops a prepared rotation (the control group did not record it). */
  discardRotation(): void {
    rmSync(join(this.dir, `${IdentityFile.nodeKey}.next`), { force: true });
    rmSync(join(this.dir, `${IdentityFile.kxKey}.next`), { force: true });
    this.next = null;
  }

  /** Forgets the mesh CA (LeaveMesh, eviction): the node goes back to a self-signed certificate. */
  async dropMeshCa(): Promise<void> {
    if (this.operator) return;
    rmSync(join(this.dir, IdentityFile.caKey), { force: true });
    rmSync(join(this.dir, IdentityFile.caCert), { force: true });
    this.ca = null;
    this.certPem = await this.selfSigned();
    writeFileSync(join(this.dir, IdentityFile.nodeCert), this.certPem, { mode: 0o600 });
  }

  private async selfSigned(): Promise<string> {
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      name: `CN=${this.nodeId}`, keys: this.keys, signingAlgorithm: ALG,
      notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + CERT_VALIDITY_MS),
    });
    return cert.toString('pem');
  }
}
