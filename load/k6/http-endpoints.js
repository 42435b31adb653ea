// k6 script (for users who have k6): load on a node's HTTP endpoints.
//   k6 run -e URL=http://127.0.0.1:9201 --vus 20 --duration 30s load/k6/http-endpoints.js
import http from 'k6/http';
import { check } from 'k6';

const URL = __ENV.URL || 'http://127.0.0.1:9201';

export default function () {
  check(http.get(`${URL}/healthz`), { healthz: (r) => r.status === 200 });
  check(http.get(`${URL}/metrics`), { metrics: (r) => r.status === 200 });
}
