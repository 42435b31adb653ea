/** Public face of security: node identity and the mesh CA, join keys and proofs, join rate limits. */
export * from './join-key.js';
export * from './identity.js';
export * from './join-limiter.js';
export * from './frame-keys.js';
export * from './tokens.js';
export * from './sealing.js';
export * from './operator-ca.js';
export * from './seal-pool.js';
