/**
 * Group configurations: one change at a time (dissertation sec. 4.1, "single-server changes"),
 * carried in the log as a `config` entry whose data is the whole new configuration. A member uses
 * the latest configuration in its log, committed or not.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { ConfChange, ConfState, Entry, MemberId } from './types.js';

/** Encodes a configuration as a `config` entry's data (UTF-8 JSON: `{"voters":[..],"learners":[..]}`). */
export function encodeConf(c: ConfState): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ voters: c.voters, learners: c.learners }));
}

/**
 * Decodes a `config` entry's data.
 * @throws MeshError ERR_BODY_MALFORMED when the data is not a configuration.
 */
export function decodeConf(data: Uint8Array): ConfState {
  try {
    const v = JSON.parse(new TextDecoder().decode(data)) as Partial<ConfState>;
    if (Array.isArray(v.voters) && Array.isArray(v.learners)) return { voters: v.voters.map(String), learners: v.learners.map(String) };
  } catch {
    // reported below
  }
  throw new MeshError(ErrorCode.BodyMalformed, 'not a configuration entry');
}

/**
 * The configuration after one change.
 * @throws MeshError ERR_INVALID_ARGUMENT when the change changes nothing (adding a voter that is
 * one, a learner that is a voter or learner, removing a non-member) or would leave no voter.
 */
export function applyConfChange(c: ConfState, cc: ConfChange): ConfState {
  const voters = c.voters.filter((v) => v !== cc.id);
  const learners = c.learners.filter((v) => v !== cc.id);
  const isVoter = c.voters.includes(cc.id);
  const isLearner = c.learners.includes(cc.id);
  if (cc.type === 'add-voter') {
    if (isVoter) throw new MeshError(ErrorCode.InvalidArgument, `${cc.id} is already a voter`);
    return { voters: [...voters, cc.id], learners };
  }
  if (cc.type === 'add-learner') {
    if (isVoter || isLearner) throw new MeshError(ErrorCode.InvalidArgument, `${cc.id} is already a member`);
    return { voters, learners: [...learners, cc.id] };
  }
  if (!isVoter && !isLearner) throw new MeshError(ErrorCode.InvalidArgument, `${cc.id} is not a member`);
  if (isVoter && voters.length === 0) throw new MeshError(ErrorCode.InvalidArgument, 'cannot remove the last voter');
  return { voters, learners };
}

/** Every member of a configuration, voters first. */
export function membersOf(c: ConfState): MemberId[] {
  return [...c.voters, ...c.learners];
}

/** The configuration set by the last `config` entry among `entries`, or `base` when there is none. */
export function latestConf(entries: Entry[], base: ConfState): { conf: ConfState; index: number | null } {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].kind === 'config') return { conf: decodeConf(entries[i].data), index: entries[i].index };
  }
  return { conf: base, index: null };
}
