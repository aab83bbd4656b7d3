/** "Did you mean …?" for a mistyped name: the closest candidate by edit distance, or by prefix. */

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate the user most likely meant: the first (in the caller's order) that starts with what was
 * typed (`kilocode` -> `kilocode-api-key`), else the nearest within a third of its length in edits (`lst` -> `list`).
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  const needle = typed.trim().toLowerCase();
  if (!needle) return undefined;
  // Candidates come in the caller's order of preference: the first that completes the prefix wins.
  const prefixed = candidates.find((candidate) => candidate.toLowerCase().startsWith(needle));
  if (prefixed) return prefixed;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
