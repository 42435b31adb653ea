/**
 * Structured logging with pino, to stderr (stdout carries the machine-readable ready line).
 */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** A pino logger at `level` writing JSON lines to stderr, with the node id on every line. */
export function createLogger(level: string, nodeId: string): Logger {
  return pino({ level, base: { node: nodeId } }, pino.destination(2));
}
