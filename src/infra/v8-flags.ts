/** V8 settings for commands that make an HTTP request and exit. */
import { nodeV8 } from "./lazy-builtins.js";

let applied = false;

/**
 * undici (Node's global fetch, and the undici package used through a proxy) parses HTTP with WebAssembly;
 * V8 optimises that module on background threads and the process then waits for them at exit, for work one
 * request never benefits from. The baseline tier (Liftoff) is plenty. Called just before such a fetch, so
 * that requests made with node:http (no proxy, our own transport) do not even load node:v8.
 */
export function useBaselineWasmTier(): void {
  if (applied) return;
  applied = true;
  nodeV8().setFlagsFromString("--liftoff-only");
}

let bulkWork = false;

/** Whether the user set V8's optimizer or young-generation flags themselves (then they are left as given). */
function tuningFlagsGiven(): boolean {
  return /--(?:no-)?(?:opt|turbofan|max-opt|semi-space-growth-factor)\b/.test(`${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`);
}

// Both flags change V8's flag hash, and built-in modules loaded while it differs miss V8's code cache
// (each is compiled from source): load them before `beginBulkWork` or after `endBulkWork`.
const BULK_FLAGS = "--no-opt --semi-space-growth-factor=16";
const DEFAULT_FLAGS = "--opt --semi-space-growth-factor=2";

/**
 * Tunes V8 for work that runs once, over a lot of data, just before the process exits (replaying a long
 * session into one request), until `endBulkWork`:
 * - no optimizing compiler (TurboFan): the loops get hot, and compiling them costs more CPU (on background
 *   threads) than the optimized code saves;
 * - the young generation grows at once to its maximum instead of doubling from 1 MB: the parsed history
 *   lives until the request is sent, and each of the many small scavenges copied it again.
 */
export function beginBulkWork(): void {
  if (bulkWork || tuningFlagsGiven()) return;
  bulkWork = true;
  nodeV8().setFlagsFromString(BULK_FLAGS);
}

/** Back to V8's defaults after `beginBulkWork` (the young generation keeps the size it reached); a no-op otherwise. */
export function endBulkWork(): void {
  if (!bulkWork) return;
  bulkWork = false;
  nodeV8().setFlagsFromString(DEFAULT_FLAGS);
}
