/**
 * 32-bit FNV-1a over a string's UTF-16 code units: a fast, non-cryptographic hash for table slots and
 * cache file names (node:crypto costs ~6 ms to load for a CLI that hashes a few short strings).
 */
export const FNV1A_SEED = 0x811c9dc5;

/** The hash as a signed 32-bit integer (the form an Int32Array stores); `>>> 0` gives it unsigned. */
export function fnv1a32(text: string, seed: number = FNV1A_SEED): number {
  let hash = seed | 0;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash;
}
