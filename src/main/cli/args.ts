/** Argument parsers shared by meshctl's commands. */
import { ErrorCode, MeshError } from '../../shared/errors.js';

/**
 * A commander argument parser for an integer option `flag` of at least `min` (digits only: `abc`,
 * `1.5` and `-1` are refused).
 * @throws MeshError ERR_INVALID_ARGUMENT naming the flag and the value.
 */
export function positiveInt(flag: string, min = 1): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min) throw new MeshError(ErrorCode.InvalidArgument, `${flag} ${v}: expected an integer of at least ${min}`);
    return n;
  };
}
