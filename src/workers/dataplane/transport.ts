/**
 * The mesh port: WebSocket over TLS 1.3 with mutual authentication (ARCHITECTURE.md "Trust").
 *
 * One HTTPS listener serves two WebSocket endpoints:
 * - {@link MESH_WS_PATH} (`/mesh`): links between members. The TLS client certificate's SPKI
 *   fingerprint must be in the trust set (the members the Mesh Control Group records, evicted
 *   ones removed); anything else is answered `403` before the WebSocket upgrade, so a non-member
 *   can never send a frame there.
 * - {@link JOIN_WS_PATH} (`/join`): JoinMesh. Any TLS client may connect, but a message is capped
 *   at {@link MAX_JOIN_MESSAGE_BYTES} and the link must finish its handshake in time.
 *
 * Certificates are not checked against a CA here (`rejectUnauthorized: false`): the control plane
 * checks the peer's key against the Mesh Control Group record (members) or the mesh fingerprint
 * (joiners), with the peer's certificate chain and the channel binding reported in `link-open`.
 * The channel binding is the TLS exporter of RFC 9266 (`EXPORTER-Channel-Binding`, 32 bytes),
 * the same on both ends of one TLS connection and unknown to anyone else.
 */
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket, DetailedPeerCertificate } from 'node:tls';
import { WebSocket, WebSocketServer } from 'ws';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { MAX_BATCH_BYTES } from '../../shared/wire/index.js';
import { spkiFingerprint } from '../../shared/crypto/fingerprint.js';
import { HANDSHAKE_TIMEOUT_MS, JOIN_WS_PATH, MAX_JOIN_MESSAGE_BYTES, MESH_WS_PATH } from './constants.js';

/** PEM key and certificate chain (leaf first) this node presents. */
export interface TlsIdentity {
  key: string;
  cert: string;
}

/** Which endpoint a link uses. */
export type LinkPath = 'mesh' | 'join';

/** What TLS tells about the other end of a link. */
export interface PeerTls {
  /** The peer's certificate chain as it presented it (DER, leaf first). */
  certs: Uint8Array[];
  /** RFC 9266 `tls-exporter` channel binding (32 bytes). */
  binding: Uint8Array;
}

/** RFC 9266 exporter label and length. */
const EXPORTER_LABEL = 'EXPORTER-Channel-Binding';
const EXPORTER_BYTES = 32;

/** The peer's chain and the channel binding of a TLS socket. */
export function peerTls(socket: TLSSocket): PeerTls {
  const certs: Uint8Array[] = [];
  let c: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<DetailedPeerCertificate>();
  while (c && c.raw && !seen.has(c) && certs.length < 4) {
    seen.add(c);
    certs.push(new Uint8Array(c.raw));
    c = c.issuerCertificate;
  }
  return { certs, binding: new Uint8Array(socket.exportKeyingMaterial(EXPORTER_BYTES, EXPORTER_LABEL, Buffer.alloc(0))) };
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** What the listener reports for each accepted WebSocket. */
export type OnAccepted = (ws: WebSocket, remote: string, path: LinkPath, peer: PeerTls) => void;

/** The HTTPS + WebSocket listener of the mesh port; see the module comment. */
export class MeshListener {
  private server: Server | null = null;
  private mesh = new WebSocketServer({ noServer: true, maxPayload: MAX_BATCH_BYTES, perMessageDeflate: false });
  private join = new WebSocketServer({ noServer: true, maxPayload: MAX_JOIN_MESSAGE_BYTES, perMessageDeflate: false });

  /**
   * `trusted(fp)` says whether a client key may open a member link; `onRefused` counts an upgrade
   * refused before any frame.
   */
  constructor(
    private identity: TlsIdentity,
    private readonly trusted: (fingerprint: string) => boolean,
    private readonly onAccepted: OnAccepted,
    private readonly onRefused: (remote: string, reason: string) => void,
  ) {}

  /** Binds `host:port` (0 picks a free port). @throws MeshError ERR_UNAVAILABLE when it cannot. */
  listen(host: string, port: number): Promise<number> {
    const server = createServer({
      key: this.identity.key, cert: this.identity.cert, requestCert: true, rejectUnauthorized: false,
      minVersion: 'TLSv1.3', handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    });
    server.headersTimeout = HANDSHAKE_TIMEOUT_MS;
    server.requestTimeout = HANDSHAKE_TIMEOUT_MS;
    server.on('request', (_req, res) => res.writeHead(426, { Connection: 'close' }).end());
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    server.on('tlsClientError', (_err, socket) => socket.destroy());
    return new Promise((resolve, reject) => {
      server.once('error', (err) => reject(new MeshError(ErrorCode.Unavailable, `cannot listen on ${host}:${port}: ${err.message}`, { cause: err })));
      server.listen(port, host, () => {
        this.server = server;
        const addr = server.address();
        resolve(addr && typeof addr === 'object' ? addr.port : port);
      });
    });
  }

  /** Presents a new key or certificate to the next TLS handshakes (SeedMesh, join, rotation). */
  setIdentity(identity: TlsIdentity): void {
    this.identity = identity;
    this.server?.setSecureContext({ key: identity.key, cert: identity.cert });
  }

  /** Stops listening and drops every connection not yet handed over. */
  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const c of [...this.mesh.clients, ...this.join.clients]) c.terminate();
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const tls = socket as TLSSocket;
    const remote = `${tls.remoteAddress}:${tls.remotePort}`;
    const path = (req.url ?? '').split('?')[0];
    if (path !== MESH_WS_PATH && path !== JOIN_WS_PATH) return refuse(socket, '404 Not Found');
    let peer: PeerTls;
    try {
      peer = peerTls(tls);
    } catch {
      return refuse(socket, '400 Bad Request');
    }
    if (path === MESH_WS_PATH) {
      const leaf = peer.certs[0];
      let fp = '';
      try {
        fp = leaf ? spkiFingerprint(leaf) : '';
      } catch {
        fp = '';
      }
      if (!fp || !this.trusted(fp)) {
        this.onRefused(remote, fp ? 'key not recorded for any member' : 'no client certificate');
        return refuse(socket, '403 Forbidden');
      }
    }
    const wss = path === MESH_WS_PATH ? this.mesh : this.join;
    wss.handleUpgrade(req, socket, head, (ws) => this.onAccepted(ws, remote, path === MESH_WS_PATH ? 'mesh' : 'join', peer));
  }
}

/**
 * The WebSocket masking key of every frame a dialer sends: zero, which ws takes as "do not mask"
 * (no copy and XOR of every sent byte). Masking (RFC 6455 sec. 5.3) protects intermediaries that
 * read a cleartext WebSocket from crafted bytes (sec. 10.3); a link is TLS end to end between two
 * meshd nodes, so no intermediary reads it, and meshd's listener does not require a random key.
 */
function zeroMask(mask: Buffer): void {
  mask.fill(0);
}

/**
 * Dials `wss://address/<path>` presenting `identity`; resolves with the open WebSocket and what
 * TLS told about the listener.
 * @throws MeshError ERR_UNAVAILABLE (connect, TLS or HTTP failure; `403` when this node's key is
 *   not recorded there), ERR_ABORTED when `signal` aborts.
 */
export function dialTls(address: string, path: LinkPath, identity: TlsIdentity, signal?: AbortSignal): Promise<{ ws: WebSocket; peer: PeerTls }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new MeshError(ErrorCode.Aborted, 'dial aborted'));
    const ws = new WebSocket(`wss://${address}${path === 'mesh' ? MESH_WS_PATH : JOIN_WS_PATH}`, {
      maxPayload: path === 'mesh' ? MAX_BATCH_BYTES : MAX_JOIN_MESSAGE_BYTES, perMessageDeflate: false, handshakeTimeout: 5000,
      key: identity.key, cert: identity.cert, rejectUnauthorized: false, minVersion: 'TLSv1.3', generateMask: zeroMask,
    });
    let peer: PeerTls | null = null;
    const onAbort = () => ws.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    ws.once('upgrade', (res) => {
      try {
        peer = peerTls(res.socket as TLSSocket);
      } catch {
        peer = null;
      }
    });
    ws.once('open', () => {
      signal?.removeEventListener('abort', onAbort);
      if (!peer) {
        ws.terminate();
        return reject(new MeshError(ErrorCode.Unavailable, `dial ${address}: no TLS peer information`));
      }
      resolve({ ws, peer });
    });
    ws.once('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new MeshError(signal?.aborted ? ErrorCode.Aborted : ErrorCode.Unavailable, `dial ${address}: ${err.message}`, { cause: err }));
    });
    ws.once('unexpected-response', (_req, res) => {
      signal?.removeEventListener('abort', onAbort);
      ws.terminate();
      reject(new MeshError(ErrorCode.Unavailable, `dial ${address}: HTTP ${res.statusCode}${res.statusCode === 403 ? ' (this node\'s key is not recorded there as a member)' : ''}`));
    });
  });
}
