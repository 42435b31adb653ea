/** Public face of the wire format: frame codec, streaming decoder, control bodies, limits. */
export * from './constants.js';
export {
  encodeFrame, parseFrame, checkHeader, frameCrc, sealFrame, verifyFrameTag, trailerBytes, Off, type Frame, type FrameInit,
} from './frame.js';
export { PAIR_KEY_BYTES, WASM_TAG_MAX_BYTES, frameTag, prepareTagKey, tagsEqual } from './auth.js';
export { FrameDecoder, decodeBatch } from './decoder.js';
export * from './control.js';
export { MAX_SACK_BLOCKS, SACK_BLOCK_BYTES, decodeSack, encodeSack, type SackBlock } from './sack.js';
