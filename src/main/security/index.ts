/** Public face of security: join-key hashing and handshake proofs. */
export * from './join-key.js';
