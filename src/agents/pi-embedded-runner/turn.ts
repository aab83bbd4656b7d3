/** One `openclaw agent` turn: the single-model run, with the gateway-reported cost, inside the fallback loop. */
import { runWithModelFallbacks, type FallbackRunParams, type FallbackRunResult } from "./fallbacks.js";
import { runEmbeddedAgent, type AgentRunParams, type AgentRunResult } from "./run.js";
import { withReportedCostCapture } from "./usage-capture.js";

async function runWithCost(params: AgentRunParams): Promise<AgentRunResult> {
  const { result, costUsd } = await withReportedCostCapture(() => runEmbeddedAgent(params));
  return costUsd === undefined ? result : { ...result, usage: { ...result.usage, costUsd } };
}

export function runAgentTurn(params: FallbackRunParams): Promise<FallbackRunResult> {
  // --timeout bounds the whole turn: every fallback model shares one deadline.
  const deadline = params.deadline ?? (params.timeoutSeconds ? Date.now() + params.timeoutSeconds * 1000 : undefined);
  return runWithModelFallbacks({ ...params, ...(deadline !== undefined ? { deadline } : {}) }, runWithCost);
}
