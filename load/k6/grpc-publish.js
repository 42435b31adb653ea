// k6 script (for users who have k6; it is not installable on the project's CI machine).
// Publishes 256-byte batches on a client-data stream through a node's gRPC API.
//   k6 run -e NODE=127.0.0.1:9101 -e TARGET=trainer -e BATCH=100 --vus 8 --duration 30s load/k6/grpc-publish.js
import grpc from 'k6/net/grpc';
import encoding from 'k6/encoding';
import { check } from 'k6';

const client = new grpc.Client();
client.load(['../../proto'], 'mesh/v1/mesh.proto');
const NODE = __ENV.NODE || '127.0.0.1:9101';
const BATCH = Number(__ENV.BATCH || 100);
const payload = encoding.b64encode('x'.repeat(256));

export function setup() {
  client.connect(NODE, { plaintext: true });
  const r = client.invoke('mesh.v1.MeshService/OpenClientDataStream', { tenant_id: 'k6', targets: [__ENV.TARGET || 'trainer'], qos: 'EXACTLY_ONCE' });
  client.close();
  return { streamId: r.message.stream_id };
}

export default function (data) {
  if (__ITER === 0) client.connect(NODE, { plaintext: true });
  const r = client.invoke('mesh.v1.MeshService/PublishClientData', { stream_id: data.streamId, payloads: Array(BATCH).fill(payload) });
  check(r, { 'published': (x) => x && x.status === grpc.StatusOK });
}
