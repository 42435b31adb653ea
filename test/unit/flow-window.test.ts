/**
 * The API server's HTTP/2 receive windows (api/grpc/flow-window.ts): what a raw HTTP/2 client sees
 * from a grpc-js server with and without them, and a grpc-js without the fields they use.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:http2';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { advertiseStreamWindow, FLOW_CONTROL_WINDOW_BYTES, widenSessionWindows } from '../../src/main/api/grpc/flow-window.js';
import { waitFor } from '../helpers/cluster.js';

/** Starts a grpc-js server (windowed or not) and reads the windows a client is granted. */
async function windowsGranted(windowed: boolean): Promise<{ stream: number; connection: number }> {
  const server = new Server();
  if (windowed) assert.equal(advertiseStreamWindow(server), true);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  if (windowed) assert.equal(widenSessionWindows(server), true);
  const session = connect(`http://127.0.0.1:${port}`);
  try {
    const settings = await new Promise<{ initialWindowSize?: number }>((resolve, reject) => { session.once('remoteSettings', resolve); session.once('error', reject); });
    const stream = settings.initialWindowSize ?? 65_535;
    // The connection window arrives as a WINDOW_UPDATE after the settings (only when widened).
    if (windowed) await waitFor(() => (session.state.remoteWindowSize ?? 0) > 65_535, 'connection WINDOW_UPDATE', 5_000);
    return { stream, connection: session.state.remoteWindowSize ?? 0 };
  } finally {
    session.destroy();
    server.forceShutdown();
  }
}

test('a grpc-js server keeps the 65,535-byte windows unless widened; widened, a client may send 16 MiB on a stream and on the connection', async () => {
  assert.deepEqual(await windowsGranted(false), { stream: 65_535, connection: 65_535 });
  assert.deepEqual(await windowsGranted(true), { stream: FLOW_CONTROL_WINDOW_BYTES, connection: FLOW_CONTROL_WINDOW_BYTES });
});

test('a grpc-js without the private fields: both report false and change nothing, no throw', () => {
  const fake = {} as unknown as Server;
  assert.equal(advertiseStreamWindow(fake), false);
  assert.equal(widenSessionWindows(fake), false);
  assert.deepEqual(fake, {});
});
