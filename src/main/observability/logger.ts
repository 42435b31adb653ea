/**
 * Structured logging with pino, to stderr (stdout carries the machine-readable ready line), and
 * optionally to a {@link LogTap} (SupervisorControl.Logs).
 */
import { pino, type Logger } from 'pino';
import type { LogTap } from './log-tap.js';

export type { Logger } from 'pino';

/**
 * A pino logger at `level` writing JSON lines to stderr, with the node id on every line; with
 * `tap`, every line also goes to it. The logger's level alone filters (both streams take all it
 * writes), so a reload of `log.level` changes both.
 */
export function createLogger(level: string, nodeId: string, tap?: LogTap): Logger {
  if (!tap) return pino({ level, base: { node: nodeId } }, pino.destination(2));
  return pino({ level, base: { node: nodeId } }, pino.multistream([{ level: 'trace', stream: pino.destination(2) }, { level: 'trace', stream: tap }]));
}
