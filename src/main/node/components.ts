/** The dependencies a {@link MeshNode} is built from. */
import type { Config } from '../../shared/config/index.js';
import type { DataPlanePort } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import type { NodeIdentity } from '../security/index.js';
import type { RaftBackend, Storage } from '../storage/index.js';

/** Dependencies of a node (see mesh-node.ts) (one components object, swappable in tests). */
export interface NodeComponents {
  config: Config;
  store: Storage;
  dp: DataPlanePort;
  log: Logger;
  /** Storage of the Mesh Control Group's Raft log (LMDB on a node); in memory when absent. */
  raftBackend?: RaftBackend;
  /** The node's key pair and certificates (TLS on every link; see security/identity.ts). */
  identity: NodeIdentity;
}

