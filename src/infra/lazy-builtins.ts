/**
 * Node built-ins loaded on first use, not at import. Each costs start-up time that most commands never
 * need: node:crypto about 5% of a bare Node start (callgrind: 27 M instructions on top of 503 M),
 * child_process brings net and dgram along, node:v8 its heap utilities.
 */
import { createRequire } from "node:module";
import type * as ChildProcess from "node:child_process";
import type * as Crypto from "node:crypto";
import type * as V8 from "node:v8";

// Not named `require`: the bundle's banner already declares that name in every chunk.
const requireBuiltin = createRequire(import.meta.url);

/** A getter that requires the built-in `specifier` the first time it is called. */
function lazyBuiltin<T>(specifier: `node:${string}`): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireBuiltin(specifier) as T);
}

export const nodeCrypto = lazyBuiltin<typeof Crypto>("node:crypto");
export const nodeChildProcess = lazyBuiltin<typeof ChildProcess>("node:child_process");
export const nodeV8 = lazyBuiltin<typeof V8>("node:v8");
