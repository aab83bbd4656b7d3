/**
 * The model transport: the stream function for the model's wire API, the pi-ai model object built from
 * our resolved definition, and one streamed attempt under the reply guard. OpenAI-compatible gateways go
 * through our own transport (openai-completions-stream.ts); the other APIs through pi-ai's provider
 * modules, imported here only, lazily.
 */
import type { AssistantMessage, Context, Model as PiModel, SimpleStreamOptions } from "@mariozechner/pi-ai";
import { OpenClawError } from "../../infra/errors.js";
import type { EnvRecord } from "../../infra/env.js";
import { endBulkWork } from "../../infra/v8-flags.js";
import type { ResolvedModel } from "../models-config.providers.js";
import { buildRequestHeaders, detectCompat, skipsReasoningInjection } from "./extra-params.js";
import { withGuardedFetch } from "./http-capture.js";
import type { ReplyStream } from "./reply-event-stream.js";
import { DEFAULT_REPLY_LIMITS, ReplyGuard, type AttemptObservation, type ReplyLimits } from "./reply-guard.js";
import { withReportedCostCapture } from "./usage-capture.js";

/** pi-ai's stream options, plus what our own transport takes (pi-ai's ignore the extra fields). */
export type TransportOptions = SimpleStreamOptions & {
  /** The attempt's reply guard (our transport applies it itself; SDK transports get it in front of fetch). */
  guard?: ReplyGuard;
  /** The cost the gateway reported for the reply (USD), read from the stream's usage chunk. */
  onReportedCost?: (usd: number) => void;
  /** Where proxy variables (and PI_CACHE_RETENTION) are read; process.env when absent. */
  env?: EnvRecord;
};

/**
 * A wire API's stream function. `ownTransport` marks ours: it makes its own HTTP request and applies the
 * guard and the cost reading itself, so no fetch wrapper is needed.
 */
export type StreamFunction = ((model: PiModel<string>, context: Context, options: TransportOptions) => ReplyStream) & { readonly ownTransport?: boolean };

/**
 * The transport for one wire API. pi-ai's provider modules are imported directly (not pi-ai's index, which
 * pulls in every SDK), so `openclaw agent` only loads the SDK its API needs, and none for OpenAI-compatible
 * gateways.
 */
export async function loadStreamFunction(api: string): Promise<StreamFunction> {
  switch (api) {
    case "openai-completions":
      return (await import("./openai-completions-stream.js")).streamOpenAICompletions;
    case "anthropic-messages":
      return (await import("@mariozechner/pi-ai/anthropic")).streamSimpleAnthropic as StreamFunction;
    case "openai-responses":
      return (await import("@mariozechner/pi-ai/openai-responses")).streamSimpleOpenAIResponses as StreamFunction;
    case "google-generative-ai":
      return (await import("@mariozechner/pi-ai/google")).streamSimpleGoogle as StreamFunction;
    default:
      throw new OpenClawError("UNSUPPORTED_API", `The "${api}" API is not supported by this slice.`, {
        hint: 'Use an OpenAI-compatible endpoint (api: "openai-completions"), Anthropic or Google.',
      });
  }
}

/** The pi-ai model object: our resolved definition plus compat flags and request headers. */
export function toPiModel(model: ResolvedModel, env: EnvRecord): PiModel<string> {
  return {
    id: model.id,
    name: model.name,
    api: model.api,
    provider: model.provider,
    baseUrl: model.baseUrl,
    // Routing models pick their own effort; marking them non-reasoning keeps pi-ai from injecting one.
    reasoning: model.reasoning && !skipsReasoningInjection(model),
    input: model.input,
    cost: model.cost,
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    headers: buildRequestHeaders(model, env),
    ...(model.api === "openai-completions" ? { compat: detectCompat(model) } : {}),
  } as PiModel<string>;
}

export type AttemptResult = {
  reply: AssistantMessage;
  /** What the fetch guard saw: the last non-2xx response, a rejected reply, whether the stream completed. */
  observed: AttemptObservation;
  /** Whether any reply text reached the caller (then the attempt must not be retried). */
  streamed: boolean;
  /** USD, when the gateway reported what the reply cost. */
  costUsd?: number;
};

/** One request: streams text deltas to `onText` and returns the final message (errors included, not thrown). */
export async function streamAttempt(params: {
  streamSimple: StreamFunction;
  model: PiModel<string>;
  context: Context;
  options: TransportOptions;
  /** The guard's limits; the defaults when absent. */
  limits?: ReplyLimits;
  onText?: (delta: string) => void;
}): Promise<AttemptResult> {
  const guard = new ReplyGuard(params.model.api, params.limits ?? DEFAULT_REPLY_LIMITS);
  let streamed = false;
  let costUsd: number | undefined;
  const consume = async (options: TransportOptions) => {
    const stream = params.streamSimple(params.model, params.context, options);
    for await (const event of stream) {
      if (event.type === "text_delta" && event.delta) {
        streamed = true;
        params.onText?.(event.delta);
      }
    }
    return stream.result();
  };
  const withCost = (reply: AssistantMessage, observed: AttemptObservation): AttemptResult => ({
    reply,
    streamed,
    observed,
    ...(costUsd !== undefined ? { costUsd } : {}),
  });
  if (params.streamSimple.ownTransport) {
    const reply = await consume({ ...params.options, guard, onReportedCost: (usd) => (costUsd = usd) });
    return withCost(reply, guard.observe());
  }
  // V8 is tuned for a long replay only up to our own transport's request (see run.ts); a fallback to an
  // SDK transport after a failure on the way there must not run (nor load its modules) that way.
  endBulkWork();
  // SDK transports call the global fetch: the guard and the cost reader wrap it for this attempt.
  const captured = await withReportedCostCapture(() => withGuardedFetch(guard, async (observe) => ({ reply: await consume(params.options), observe })));
  costUsd = captured.costUsd;
  return withCost(captured.result.reply, captured.result.observe());
}
