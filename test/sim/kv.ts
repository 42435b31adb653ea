/**
 * The simulator's state machine, a key-value map of registers, and the client operations on it
 * with their recorded history (checked by linearizability.ts).
 */
import type { Op } from './linearizability.js';

/** A write as stored in a log entry's data. */
export interface Put {
  key: string;
  value: string;
}

export const encodePut = (p: Put): Uint8Array => new TextEncoder().encode(JSON.stringify(p));
export const decodePut = (data: Uint8Array): Put => JSON.parse(new TextDecoder().decode(data)) as Put;

/** Canonical encoding of a state (keys sorted), used as snapshot data and to compare states. */
export function encodeState(kv: Map<string, string>): string {
  return JSON.stringify([...kv].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function decodeState(data: Uint8Array): Map<string, string> {
  return new Map(JSON.parse(new TextDecoder().decode(data)) as [string, string][]);
}

/** A client's operation in flight on one member. */
export interface InFlightOp {
  op: Op;
  client: number;
  /** Tick the client asked at (it gives up after a while). */
  since: number;
  /** put: the entry proposed; get: the index to wait for once ReadIndex answered. */
  index?: number;
  term?: number;
}

/** The recorded history: operations, a logical clock, and operations known to have had no effect. */
export class History {
  private clock = 0;
  readonly ops: Op[] = [];
  private dropped = new Set<number>();

  invoke(key: string, kind: Op['kind'], value: string | null): Op {
    const op: Op = { id: this.ops.length, key, kind, value, invoke: ++this.clock, complete: Infinity };
    this.ops.push(op);
    return op;
  }

  complete(op: Op, value?: string | null): void {
    if (value !== undefined) op.value = value;
    op.complete = ++this.clock;
  }

  /** The operation failed for sure (a read that was never served, a write overwritten before commit). */
  drop(op: Op): void {
    this.dropped.add(op.id);
  }

  /** Operations to check: completed ones and those with an unknown outcome. */
  checked(): Op[] {
    return this.ops.filter((o) => !this.dropped.has(o.id));
  }
}
