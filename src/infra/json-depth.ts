/** Nesting-depth guard for parsed files: recursive walkers (and JSON.stringify) overflow the stack on absurd depth. */

/** Configs and stores are a handful of levels deep; far beyond this is damage or an attack, not data. */
export const MAX_JSON_DEPTH = 200;

/** True when `value` nests objects/arrays deeper than `limit`. Iterative, so it cannot overflow itself. */
export function exceedsJsonDepth(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
