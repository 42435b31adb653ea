/** Public face of the Mesh Control Group: the group, its replicated state and its commands. */
export { MCG_GROUP, MeshControlGroup, type McgOptions, type McgStatus } from './mcg.js';
export { McgState, aclKey, type McgAcl, type McgMember, type McgMesh, type McgQosPolicy, type McgTenantEpoch, type McgToken } from './state.js';
export { INTERNAL_RID_PREFIX, MAX_NAME_CHARS, type McgCommand, type UpdateKind } from './commands.js';
export type { UpdateSink, UpdateSubscription, UpdateView } from './subscriptions.js';
export { CHECK_LOG_WINDOW, logDigest, stateDigest, type CheckDigests } from './digest.js';
