/** Nesting-depth guard for parsed files: recursive walkers (and JSON.stringify) overflow the stack on absurd depth. */

/** Configs and stores are a handful of levels deep; far beyond this is damage or an attack, not data. */
export const MAX_JSON_DEPTH = 200;

/**
 * True when `value` nests objects/arrays deeper than MAX_JSON_DEPTH. `depth`: where `value` itself sits (the
 * config's quick check calls this for the parts of a config that it does not walk itself).
 */
export function exceedsJsonDepth(value: unknown, depth = 0): boolean {
  return typeof value === "object" && value !== null && (depth >= MAX_JSON_DEPTH || nestsDeeper(value, MAX_JSON_DEPTH - 1 - depth));
}

/**
 * Whether a child of `value` nests more than `room` levels. Recursive, but at most MAX_JSON_DEPTH frames
 * deep (it stops there), so it cannot overflow; faster than an explicit stack, and this runs over every value of
 * big configs.
 */
function nestsDeeper(value: object, room: number): boolean {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const child: unknown = value[index];
      if (typeof child === "object" && child !== null && (room === 0 || nestsDeeper(child, room - 1))) return true;
    }
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (typeof child === "object" && child !== null && (room === 0 || nestsDeeper(child, room - 1))) return true;
  }
  return false;
}
