/** Public face of the node: the control plane of one mesh node. */
export { MeshNode, MAX_MESH_NAME, type NodeComponents } from './mesh-node.js';
export type { MeshStatusView, NodeView, StreamView } from './status.js';
