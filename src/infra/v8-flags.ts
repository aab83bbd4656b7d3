/** V8 settings for commands that make an HTTP request and exit. */
import { setFlagsFromString } from "node:v8";

/**
 * fetch parses HTTP with WebAssembly; V8 optimises that module on background threads and the process then
 * waits for them at exit, for work one request never benefits from. The baseline tier (Liftoff) is plenty.
 * Call before the first fetch.
 */
export function useBaselineWasmTier(): void {
  setFlagsFromString("--liftoff-only");
}
