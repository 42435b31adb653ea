/**
 * Identifiers: ULIDs for meshes, streams and messages (Crockford base32, 26 characters, 16 bytes
 * binary), and 64-bit node and tenant tags carried in frame headers.
 */
import { monotonicFactory, ulid as makeUlid } from 'ulid';
import { blake3 } from '@napi-rs/blake-hash';
import { ErrorCode, MeshError } from './errors.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < CROCKFORD.length; i++) DECODE[CROCKFORD.charCodeAt(i)] = i;

/** Length of a ULID in its text form (characters). */
export const ULID_TEXT_LENGTH = 26;
/** Length of a ULID in binary form (bytes). */
export const ULID_BYTES = 16;

const monotonic = monotonicFactory();

/** A new ULID (monotonic within this process), e.g. for message ids. */
export function newUlid(): string {
  return monotonic();
}

/** A new ULID that is not monotonic with the others (mesh and stream ids). */
export function randomUlid(): string {
  return makeUlid();
}

/** True when `s` is a 26-character Crockford base32 ULID. */
export function isUlid(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== ULID_TEXT_LENGTH) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || DECODE[c] < 0) return false;
  }
  return s.charCodeAt(0) <= 55; // first char <= '7' keeps the value within 128 bits
}

/**
 * Writes the 128-bit value of a ULID into `out` at `offset` (16 bytes, big endian).
 * @throws MeshError ERR_INVALID_ARGUMENT when `id` is not a ULID.
 */
export function writeUlid(id: string, out: Uint8Array, offset: number): void {
  if (!isUlid(id)) throw new MeshError(ErrorCode.InvalidArgument, `not a ULID: ${String(id)}`);
  // 26 chars x 5 bits = 130 bits; the top 2 bits are zero.
  let acc = 0;
  let bits = -2;
  let pos = offset;
  for (let i = 0; i < ULID_TEXT_LENGTH; i++) {
    acc = ((acc << 5) | DECODE[id.charCodeAt(i)]) & 0x1fff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[pos++] = (acc >> bits) & 0xff;
    }
  }
}

/** Reads a ULID written by {@link writeUlid}; all-zero bytes read as the empty string. */
export function readUlid(buf: Uint8Array, offset: number): string {
  let zero = true;
  for (let i = 0; i < ULID_BYTES; i++) if (buf[offset + i] !== 0) zero = false;
  if (zero) return '';
  let out = '';
  let acc = 0;
  let bits = 2; // 2 leading zero bits
  let pos = offset;
  for (let i = 0; i < ULID_TEXT_LENGTH; i++) {
    if (bits < 5) {
      acc = ((acc << 8) | buf[pos++]) & 0xffff;
      bits += 8;
    }
    bits -= 5;
    out += CROCKFORD[(acc >> bits) & 31];
  }
  return out;
}

/**
 * 64-bit tag of a name (node id or tenant id) as used in frame headers: the first 8 bytes of
 * BLAKE3(name), as a bigint. Collisions are detected where tags are registered (LSDB).
 */
export function tagOf(name: string): bigint {
  let t = tags.get(name);
  if (t === undefined) {
    t = blake3(Buffer.from(name, 'utf8')).readBigUInt64BE(0);
    if (tags.size >= MAX_CACHED_TAGS) tags.clear();
    tags.set(name, t);
  }
  return t;
}

/** Tags remembered per thread (node and tenant ids repeat on every frame; profiled at 1-2 % of a main thread). */
const MAX_CACHED_TAGS = 65_536;
const tags = new Map<string, bigint>();

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** True when `s` is a valid node or tenant id: 1-63 chars of letters, digits, `.`, `_`, `-`. */
export function isName(s: unknown): s is string {
  return typeof s === 'string' && NAME_RE.test(s);
}
