/**
 * The admission step of the target's handling of a run of messages from one source (target.ts):
 * which of them may be stored, by their publisher's right to publish to the stream.
 */
import type { InboundMessage } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import { END_MESSAGE_ID } from './target-sender.js';

/** The parts of a target stream (target.ts `TargetRuntime`) admission reads. */
export interface RunState {
  rec: { streamId: string; source: string };
  /** Highest seq handed to the store. */
  pendingOffset: number;
}

/** A refusal of a stream's messages is logged at most once per this many ms. */
export const REFUSAL_LOG_MS = 10_000;

/** What {@link Admission} needs (a subset of the target's deps, see target.ts `TargetDeps`). */
export interface AdmissionDeps {
  log: Logger;
  onDropped(reason: string): void;
  onDuplicate?(): void;
  refusal(m: InboundMessage, source: string): string | null;
}

/** Checks the publishers of inbound runs, logging a stream's refusals at most every {@link REFUSAL_LOG_MS}. */
export class Admission {
  private refusalLogged = new Map<string, number>();

  constructor(private readonly d: AdmissionDeps) {}

  /** The messages of a run up to the first one whose publisher is refused (counted and logged); duplicates are counted. */
  admitted(rt: RunState, run: InboundMessage[]): InboundMessage[] {
    let last: Uint8Array | null = null;
    for (let i = 0; i < run.length; i++) {
      const m = run[i];
      if (m.messageId === END_MESSAGE_ID) continue; // the end marker has no publisher
      if (m.seq <= rt.pendingOffset) { // a duplicate: re-acknowledged, not stored
        this.d.onDuplicate?.();
        continue;
      }
      // Consecutive messages of one publish share the publisher; check when the 8 bytes change.
      if (last && samePublisher(last, m.payload)) continue;
      const why = this.d.refusal(m, rt.rec.source);
      if (why) {
        this.refused(rt, m, why);
        return run.slice(0, i);
      }
      last = m.payload;
    }
    return run;
  }

  private refused(rt: RunState, m: InboundMessage, why: string): void {
    this.d.onDropped(why);
    const now = Date.now();
    if ((this.refusalLogged.get(rt.rec.streamId) ?? 0) + REFUSAL_LOG_MS > now) return;
    if (this.refusalLogged.size > 10_000) this.refusalLogged.clear();
    this.refusalLogged.set(rt.rec.streamId, now);
    this.d.log.warn({ stream_id: rt.rec.streamId, message_id: m.messageId, source: rt.rec.source, seq: m.seq, reason: why }, 'message from the mesh refused: its publisher may not publish to this stream');
  }
}

/** True when two sealed payloads name the same epoch and publisher (bytes 1-12). */
function samePublisher(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length < 13 || b.length < 13 || a[0] !== b[0]) return false;
  for (let i = 1; i < 13; i++) if (a[i] !== b[i]) return false;
  return true;
}
