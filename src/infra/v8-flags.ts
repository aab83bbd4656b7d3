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
