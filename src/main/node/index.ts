/** Public face of the node: the control plane of one mesh node. */
export { MeshNode } from './mesh-node.js';
export type { NodeComponents } from './components.js';
export { MAX_MESH_NAME } from './bootstrap.js';
export type { MeshStatusView, NodeView, StreamView } from './status.js';
export { Principal, AccessControl, ADMIN_TOKEN_TTL_MS, type Action } from './access.js';
