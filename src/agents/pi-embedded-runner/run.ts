/**
 * One agent turn, embedded: resolve model and key, replay the session (after the transcript policy),
 * stream the reply through pi-ai, record the turn. pi-ai is imported here only, lazily.
 */
import type { AssistantMessageEventStream, Context, Message as PiMessage, Model as PiModel, SimpleStreamOptions } from "@mariozechner/pi-ai";
import type { OpenClawConfig } from "../../config/types.js";
import { OpenClawError } from "../../infra/errors.js";
import { findApiKeyProvider } from "../../providers/api-key-providers.js";
import { ensureAuthProfileStore } from "../auth-profiles/index.js";
import { resolveApiKeyForProvider } from "../model-auth.js";
import { resolveConfiguredModelRef, resolveModelRefFromString, type ModelRef } from "../model-selection.js";
import { resolveModelDefinition, type ResolvedModel } from "../models-config.providers.js";
import { resolveTranscriptPolicy } from "../transcript-policy.js";
import { applyTranscriptPolicy } from "../transcript-sanitize.js";
import { buildCacheTtlEntry, isCacheTtlEligibleProvider } from "./cache-ttl.js";
import { buildRequestHeaders, detectCompat, resolveExtraParams, skipsReasoningInjection, type ThinkingLevel } from "./extra-params.js";
import { mapGatewayFailure } from "./gateway-errors.js";
import { withHttpFailureCapture } from "./http-capture.js";
import { SessionStore, type SessionEntry } from "./session-store.js";
import type { EnvRecord } from "../../infra/env.js";

export const DEFAULT_SYSTEM_PROMPT = "You are OpenClaw, a personal AI assistant. Answer clearly and concisely.";

export type AgentUsage = { input: number; output: number; cacheRead: number; cacheWrite: number; total: number };

export type AgentRunResult = {
  text: string;
  model: string;
  provider: string;
  usage: AgentUsage;
  stopReason: string;
  sessionId?: string;
};

export type AgentRunParams = {
  cfg: OpenClawConfig;
  env?: EnvRecord;
  message: string;
  model?: string;
  sessionId?: string;
  thinking?: ThinkingLevel;
  timeoutSeconds?: number;
  onText?: (delta: string) => void;
};

function resolveRef(cfg: OpenClawConfig, raw: string | undefined): ModelRef {
  if (raw === undefined) return resolveConfiguredModelRef(cfg);
  const ref = resolveModelRefFromString({ raw, cfg });
  if (!ref) throw new OpenClawError("MODEL_REF", `Invalid --model "${raw}".`, { hint: "Use provider/model, e.g. kilocode/anthropic/claude-opus-4.6" });
  return ref;
}

function maxRetries(env: EnvRecord): number {
  const value = Number(env.OPENCLAW_MAX_RETRIES);
  return Number.isInteger(value) && value >= 0 && value <= 10 ? value : 2;
}

type StreamFunction = (model: PiModel<string>, context: Context, options: SimpleStreamOptions) => AssistantMessageEventStream;

/**
 * The transport for one wire API. Provider modules are imported directly (not pi-ai's index, which
 * pulls in every SDK), so `openclaw agent` only loads the OpenAI client for an OpenAI-compatible gateway.
 */
async function loadStreamFunction(api: string): Promise<StreamFunction> {
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
function toPiModel(model: ResolvedModel, env: EnvRecord) {
  return {
    id: model.id,
    name: model.name,
    api: model.api,
    provider: model.provider,
    baseUrl: model.baseUrl,
    reasoning: model.reasoning && !skipsReasoningInjection(model),
    input: model.input,
    cost: model.cost,
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    headers: buildRequestHeaders(model, env),
    ...(model.api === "openai-completions" ? { compat: detectCompat(model) } : {}),
  };
}

export async function runEmbeddedAgent(params: AgentRunParams): Promise<AgentRunResult> {
  const env = params.env ?? process.env;
  const { cfg } = params;
  const ref = resolveRef(cfg, params.model);
  // One read of the auth store serves both the implicit-provider check and the key lookup.
  const store = ensureAuthProfileStore(undefined, { env });
  const model = resolveModelDefinition({ cfg, ref, env, store });
  const auth = await resolveApiKeyForProvider({ provider: model.provider, cfg, env, store });
  const extra = resolveExtraParams(cfg, model);
  const session = params.sessionId ? new SessionStore(params.sessionId, env) : undefined;
  const history = session ? session.readMessages() : [];
  const policy = resolveTranscriptPolicy({ modelApi: model.api, provider: model.provider, modelId: model.id });

  const streamSimple = await loadStreamFunction(model.api);
  const userMessage: PiMessage = { role: "user", content: params.message, timestamp: Date.now() };
  const messages = [...applyTranscriptPolicy(history as PiMessage[], policy), userMessage];
  const piModel = toPiModel(model, env) as PiModel<string>;
  const wantsReasoning = params.thinking && params.thinking !== "off" && piModel.reasoning;
  const label = findApiKeyProvider(model.provider)?.label ?? model.provider;

  const { message: reply, failure } = await withHttpFailureCapture(async (lastFailure) => {
    const stream = streamSimple(
      piModel,
      { systemPrompt: DEFAULT_SYSTEM_PROMPT, messages },
      {
        apiKey: auth.apiKey,
        maxRetries: maxRetries(env),
        ...(extra.maxTokens ? { maxTokens: extra.maxTokens } : {}),
        ...(extra.temperature !== undefined ? { temperature: extra.temperature } : {}),
        ...(extra.cacheRetention ? { cacheRetention: extra.cacheRetention } : {}),
        ...(wantsReasoning ? { reasoning: params.thinking as Exclude<ThinkingLevel, "off"> } : {}),
        ...(params.timeoutSeconds ? { timeoutMs: params.timeoutSeconds * 1000 } : {}),
        ...(params.sessionId ? { sessionId: params.sessionId } : {}),
        onPayload: (payload) => (extra.stop ? { ...(payload as Record<string, unknown>), stop: extra.stop } : undefined),
      },
    );
    for await (const event of stream) {
      if (event.type === "text_delta") params.onText?.(event.delta);
    }
    return { message: await stream.result(), failure: lastFailure() };
  });

  if (reply.stopReason === "error" || reply.stopReason === "aborted") {
    throw mapGatewayFailure({
      provider: model.provider,
      label,
      modelId: model.id,
      baseUrl: model.baseUrl,
      ...(failure ? { failure } : {}),
      ...(reply.errorMessage ? { errorMessage: reply.errorMessage } : {}),
    });
  }

  const text = reply.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
  if (session) {
    const now = new Date().toISOString();
    const entries: SessionEntry[] = [
      { type: "message", timestamp: now, message: userMessage },
      { type: "message", timestamp: now, message: reply },
    ];
    if (cfg.agents?.defaults?.contextPruning?.mode === "cache-ttl" && isCacheTtlEligibleProvider(model.provider, model.id)) {
      entries.push(buildCacheTtlEntry({ timestamp: Date.now(), provider: model.provider, modelId: model.id }));
    }
    await session.append(entries);
  }
  return {
    text,
    model: `${model.provider}/${model.id}`,
    provider: model.provider,
    usage: {
      input: reply.usage.input,
      output: reply.usage.output,
      cacheRead: reply.usage.cacheRead,
      cacheWrite: reply.usage.cacheWrite,
      total: reply.usage.totalTokens,
    },
    stopReason: reply.stopReason,
    ...(params.sessionId ? { sessionId: params.sessionId } : {}),
  };
}
