/** Public face of the node: the control plane of one mesh node. */
export { MeshNode, MAX_MESH_NAME, type NodeComponents } from './mesh-node.js';
export type { MeshStatusView, NodeView, StreamView } from './status.js';
export { Principal, AccessControl, ADMIN_TOKEN_TTL_MS, type Action } from './access.js';
