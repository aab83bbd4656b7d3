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

let optimizerPaused = false;

/** Whether the user set V8's optimizer flags themselves (then they are left as given). */
function optimizerFlagsGiven(): boolean {
  return /--(?:no-)?(?:opt|turbofan|max-opt)\b/.test(`${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`);
}

/**
 * Turns V8's optimizing compiler (TurboFan) off until `resumeOptimizingCompiler`. For work that runs once,
 * over a lot of data, just before the process exits (replaying a long session into one request): its loops
 * get hot, and compiling them costs more CPU (on background threads) than the optimized code saves: about
 * a quarter of the extra CPU of a 2 600-message replay. Built-in modules loaded while it is off cannot use
 * V8's code cache (the flags differ from the ones it was made with), so load them before or after.
 */
export function pauseOptimizingCompiler(): void {
  if (optimizerPaused || optimizerFlagsGiven()) return;
  optimizerPaused = true;
  nodeV8().setFlagsFromString("--no-opt");
}

/** Turns the optimizing compiler back on after `pauseOptimizingCompiler`; a no-op otherwise. */
export function resumeOptimizingCompiler(): void {
  if (!optimizerPaused) return;
  optimizerPaused = false;
  nodeV8().setFlagsFromString("--opt");
}
