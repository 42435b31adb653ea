/** Public face of the wire format: frame codec, streaming decoder, control bodies, limits. */
export * from './constants.js';
export { encodeFrame, parseFrame, checkHeader, frameCrc, Off, type Frame, type FrameInit } from './frame.js';
export { FrameDecoder, decodeBatch } from './decoder.js';
export * from './control.js';
