/**
 * One `openclaw agent` turn: the single-model run inside the fallback loop. The gateway-reported cost
 * comes with the run's usage (each transport reads it from the reply, see transport.ts).
 */
import { runWithModelFallbacks, type FallbackRunParams, type FallbackRunResult } from "./fallbacks.js";
import { runEmbeddedAgent } from "./run.js";

export function runAgentTurn(params: FallbackRunParams): Promise<FallbackRunResult> {
  // --timeout bounds the whole turn: every fallback model shares one deadline.
  const deadline = params.deadline ?? (params.timeoutSeconds ? Date.now() + params.timeoutSeconds * 1000 : undefined);
  return runWithModelFallbacks({ ...params, ...(deadline !== undefined ? { deadline } : {}) }, runEmbeddedAgent);
}
