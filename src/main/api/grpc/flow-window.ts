/**
 * HTTP/2 receive windows of the API's connections (RFC 9113 sec. 6.9). A receiver grants the
 * sender a window of bytes; the sender stops when it is used up and waits for the receiver's
 * WINDOW_UPDATE, so one connection carries at most one window per round trip. The RFC's initial
 * window, 65,535 bytes, caps a client 10 ms away at about 6.5 MB/s whatever the link.
 *
 * Clients set theirs with grpc-js's `grpc-node.flow_control_window` channel option. The grpc-js
 * server does not read that option (grpc/grpc-node pull request 3058, open), so a node's server
 * keeps Node's 65,535-byte default for what clients send it: a publish of 1 MiB messages from a
 * client 10 ms away ran at 3.4 MB/s (`node dist/bench/remote-client.js`, docs/BENCHMARKS.md).
 * {@link advertiseStreamWindow} and {@link widenSessionWindows} set the server's windows through
 * two fields grpc-js keeps private (`commonServerOptions`, `http2Servers`), the way that pull
 * request does it; test/unit/flow-window.test.ts fails if a grpc-js upgrade moves them.
 */
import type { Server } from '@grpc/grpc-js';
import type { Http2Server, Http2Session, Settings } from 'node:http2';

/**
 * Receive window of an API connection and of each of its streams, both ends (bytes). It covers a
 * few 4 MiB delivery batches or publish requests in flight; the memory it allows per connection is
 * below the largest message a call may carry (`MAX_GRPC_MESSAGE_BYTES`), so it adds no exposure.
 */
export const FLOW_CONTROL_WINDOW_BYTES = 16 * 1024 * 1024;

/** The grpc-js Server fields used here (private in its types; present in 1.10 to 1.14). */
interface ServerInternals {
  commonServerOptions?: { settings?: Settings };
  http2Servers?: Map<Http2Server, { sessions?: Set<Http2Session> }>;
}

/**
 * Before `bindAsync`: every stream on the connections `server` accepts starts with a receive
 * window of `bytes` (SETTINGS_INITIAL_WINDOW_SIZE). Returns false when this grpc-js no longer has
 * the field (the caller logs it; the server then runs with the 65,535-byte default).
 */
export function advertiseStreamWindow(server: Server, bytes: number = FLOW_CONTROL_WINDOW_BYTES): boolean {
  const s = server as unknown as ServerInternals;
  if (!s.commonServerOptions) return false;
  s.commonServerOptions.settings = { ...s.commonServerOptions.settings, initialWindowSize: bytes };
  return true;
}

/**
 * After `bindAsync`: each connection `server` accepts gets a connection-level receive window of
 * `bytes` (a WINDOW_UPDATE once the client's settings arrived; at once for a connection accepted
 * before this call). Returns false when this grpc-js no longer has the field.
 */
export function widenSessionWindows(server: Server, bytes: number = FLOW_CONTROL_WINDOW_BYTES): boolean {
  const servers = (server as unknown as ServerInternals).http2Servers;
  if (!(servers instanceof Map)) return false;
  const widen = (session: Http2Session) => {
    if (!session.destroyed && !session.closed) session.setLocalWindowSize(bytes);
  };
  for (const [h, entry] of servers) {
    h.on('session', (session: Http2Session) => session.once('remoteSettings', () => widen(session)));
    for (const session of entry.sessions ?? []) widen(session);
  }
  return true;
}
