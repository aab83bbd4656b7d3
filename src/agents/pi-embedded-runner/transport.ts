/**
 * The model transport: pi-ai's provider module for the model's wire API, the pi-ai model object built
 * from our resolved definition, and one streamed attempt. pi-ai is imported here only, lazily.
 */
import type { AssistantMessage, AssistantMessageEventStream, Context, Model as PiModel, SimpleStreamOptions } from "@mariozechner/pi-ai";
import { OpenClawError } from "../../infra/errors.js";
import type { EnvRecord } from "../../infra/env.js";
import type { ResolvedModel } from "../models-config.providers.js";
import { buildRequestHeaders, detectCompat, skipsReasoningInjection } from "./extra-params.js";
import { DEFAULT_REPLY_LIMITS, withGuardedFetch, type AttemptObservation, type ReplyLimits } from "./http-capture.js";

export type StreamFunction = (model: PiModel<string>, context: Context, options: SimpleStreamOptions) => AssistantMessageEventStream;

/**
 * The transport for one wire API. Provider modules are imported directly (not pi-ai's index, which
 * pulls in every SDK), so `openclaw agent` only loads the OpenAI client for an OpenAI-compatible gateway.
 */
export async function loadStreamFunction(api: string): Promise<StreamFunction> {
  switch (api) {
    case "openai-completions":
      return (await import("@mariozechner/pi-ai/openai-completions")).streamSimpleOpenAICompletions as StreamFunction;
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
};

/** One request: streams text deltas to `onText` and returns the final message (errors included, not thrown). */
export async function streamAttempt(params: {
  streamSimple: StreamFunction;
  model: PiModel<string>;
  context: Context;
  options: SimpleStreamOptions;
  /** The guard's limits; the defaults when absent. */
  limits?: ReplyLimits;
  onText?: (delta: string) => void;
}): Promise<AttemptResult> {
  let streamed = false;
  return withGuardedFetch({ api: params.model.api, limits: params.limits ?? DEFAULT_REPLY_LIMITS }, async (observe) => {
    const stream = params.streamSimple(params.model, params.context, params.options);
    for await (const event of stream) {
      if (event.type === "text_delta" && event.delta) {
        streamed = true;
        params.onText?.(event.delta);
      }
    }
    const reply = await stream.result();
    return { reply, streamed, observed: observe() };
  });
}
