/**
 * Raw TLS WebSocket clients for attack tests: they speak the mesh port's wire format directly,
 * with a member's stolen credentials or a stranger's self-made certificate.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { NodeIdentity, type TlsIdentity } from '../../src/main/security/index.js';
import type { LocalNode } from '../../src/main/cli/local-mesh.js';
import { FrameType, HandshakeSchema, decodeBatch, decodeBody, encodeBody, encodeFrame } from '../../src/shared/wire/index.js';

/** The TLS credentials of a running test node (read from its identity directory). */
export function memberTls(n: LocalNode): TlsIdentity {
  const dir = join(n.spec.dataDir, 'identity');
  const ca = readFileSync(join(dir, 'mesh-ca.crt'), 'utf8');
  return { key: readFileSync(join(dir, 'node.key'), 'utf8'), cert: `${readFileSync(join(dir, 'node.crt'), 'utf8').trim()}\n${ca.trim()}\n` };
}

/** A fresh self-signed identity that no mesh knows. */
export async function strangerTls(id = 'stranger'): Promise<TlsIdentity> {
  return (await NodeIdentity.open(join(mkdtempSync(join(tmpdir(), 'meshd-stranger-')), 'identity'), id)).tls();
}

/** What a raw connection saw: the close code (or -HTTP status when the upgrade was refused) and the messages. */
export interface RawResult {
  code: number;
  received: Buffer[];
}

/** Opens `wss://address/<path>` with `tls`, sends `msgs`, resolves once the server closes or refuses. */
export function raw(address: string, path: 'mesh' | 'join', tls: TlsIdentity, msgs: Array<Buffer | string>, timeoutMs = 15_000): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://${address}/${path}`, { key: tls.key, cert: tls.cert, rejectUnauthorized: false });
    const received: Buffer[] = [];
    ws.on('open', () => { for (const m of msgs) ws.send(m); });
    ws.on('message', (d) => received.push(d as Buffer));
    ws.on('close', (code) => resolve({ code, received }));
    ws.on('unexpected-response', (_req, res) => {
      ws.terminate();
      resolve({ code: -(res.statusCode ?? 0), received });
    });
    ws.on('error', (err) => { if (ws.readyState !== WebSocket.CLOSED) reject(err); });
    setTimeout(() => { ws.terminate(); reject(new Error('server did not close the connection')); }, timeoutMs).unref();
  });
}

/** An encoded handshake frame with body `body`. */
export function handshakeFrame(body: Record<string, unknown>): Buffer {
  return encodeFrame({ type: FrameType.Handshake, ttl: 1, src: 5n, dst: 0n, payload: encodeBody(body) });
}

/** A member link opened by hand (stolen or rogue credentials), after the listener's welcome. */
export interface RawMemberLink {
  /** Sends encoded frames as one WebSocket message. */
  send(...frames: Buffer[]): void;
  /** Frames received so far (the welcome, LSAs, heartbeats, ...). */
  received: Buffer[];
  close(): void;
  /** Resolves to the close code once the connection closes. */
  closed: Promise<number>;
}

/** Opens `/mesh` with `tls`, says hello as `nodeId` (for lane `lane`), and resolves once welcomed. */
export function memberLink(address: string, tls: TlsIdentity, meshId: string, nodeId: string, timeoutMs = 15_000, lane?: number): Promise<RawMemberLink> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://${address}/mesh`, { key: tls.key, cert: tls.cert, rejectUnauthorized: false });
    const received: Buffer[] = [];
    const link: RawMemberLink = { send: (...f) => ws.send(Buffer.concat(f)), received, close: () => ws.close(), closed: new Promise((r) => ws.on('close', (code) => r(code))) };
    const timer = setTimeout(() => { ws.terminate(); reject(new Error('no welcome')); }, timeoutMs);
    ws.on('open', () => ws.send(handshakeFrame({ kind: 'hello', purpose: 'link', meshId, nodeId, name: nodeId, address: '', lane })));
    ws.on('message', (d) => {
      received.push(d as Buffer);
      for (const f of decodeBatch(d as Buffer)) {
        if (f.type !== FrameType.Handshake) continue;
        const b = decodeBody(HandshakeSchema, f.payload);
        clearTimeout(timer);
        if (b.kind === 'welcome') resolve(link);
        else reject(new Error(`handshake answered ${b.kind}`));
      }
    });
    ws.on('close', (code) => { clearTimeout(timer); reject(new Error(`closed ${code}`)); });
    ws.on('error', (err) => { clearTimeout(timer); reject(err); });
  });
}
