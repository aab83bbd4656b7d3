/**
 * One Chat Completions request, built from the pi-ai model, context and options our runner passes: the
 * URL, the headers and the JSON body. Pure: the body is exactly what OpenClaw sent through pi-ai (see
 * openai-completions-body.test.ts, which compares the two).
 */
import type { Context, Model as PiModel, OpenAICompletionsCompat, SimpleStreamOptions, Tool } from "@mariozechner/pi-ai";
import type { EnvRecord } from "../../infra/env.js";
import { VERSION } from "../../version.js";
import type { CompletionsCompat } from "./openai-completions-compat.js";
import { toWireMessages } from "./openai-completions-messages.js";

type Body = Record<string, unknown>;
type WireMessage = Record<string, unknown> & { role: string; content?: unknown };

const LEVELS = ["off", "minimal", "low", "medium", "high", "xhigh"] as const;
/** The default reply budget when neither the options nor the model say less. */
const DEFAULT_MAX_TOKENS_CAP = 32_000;

/** `<base>/chat/completions`, with exactly one slash between. */
export function completionsUrl(baseUrl: string): string {
  return baseUrl.endsWith("/") ? `${baseUrl}chat/completions` : `${baseUrl}/chat/completions`;
}

/**
 * The reasoning level sent for a requested one: the nearest level the model supports (upwards first;
 * a level mapped to null is unsupported, `xhigh` only when mapped), or none for "off".
 */
export function supportedReasoningLevel(model: Pick<PiModel<string>, "reasoning" | "thinkingLevelMap">, requested: string | undefined): string | undefined {
  if (!requested) return undefined;
  const map = model.thinkingLevelMap;
  const supported = model.reasoning
    ? LEVELS.filter((level) => map?.[level] !== null && (level !== "xhigh" || map?.[level] !== undefined))
    : (["off"] as const);
  const wanted = LEVELS.indexOf(requested as (typeof LEVELS)[number]);
  let level: string | undefined;
  if ((supported as readonly string[]).includes(requested)) level = requested;
  else if (wanted === -1) level = supported[0];
  else level = [...LEVELS.slice(wanted), ...LEVELS.slice(0, wanted).reverse()].find((candidate) => (supported as readonly string[]).includes(candidate)) ?? supported[0];
  return level === "off" ? undefined : level;
}

/** The cache retention asked for; pi-ai's PI_CACHE_RETENTION=long default is honoured as before. */
function cacheRetentionOf(options: SimpleStreamOptions, env: EnvRecord): "none" | "short" | "long" {
  return options.cacheRetention ?? (env.PI_CACHE_RETENTION === "long" ? "long" : "short");
}

/** Anthropic-style cache markers: the system prompt, the last tool and the last user/assistant text. */
function markForCaching(messages: WireMessage[], tools: Body[] | undefined, marker: Body): void {
  const markText = (message: WireMessage): boolean => {
    const content = message.content;
    if (typeof content === "string") {
      if (content.length === 0) return false;
      message.content = [{ type: "text", text: content, cache_control: marker }];
      return true;
    }
    if (!Array.isArray(content)) return false;
    for (let index = content.length - 1; index >= 0; index--) {
      const part = content[index] as Body | undefined;
      if (part?.type === "text") {
        part.cache_control = marker;
        return true;
      }
    }
    return false;
  };
  const instructions = messages.find((message) => message.role === "system" || message.role === "developer");
  if (instructions) markText(instructions);
  if (tools && tools.length > 0) tools[tools.length - 1]!.cache_control = marker;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if ((message.role === "user" || message.role === "assistant") && markText(message)) return;
  }
}

function wireTools(tools: readonly Tool[], compat: CompletionsCompat): Body[] {
  return tools.map((tool) => ({
    type: "function",
    function: { name: tool.name, description: tool.description, parameters: tool.parameters, ...(compat.supportsStrictMode !== false ? { strict: false } : {}) },
  }));
}

/** The reasoning fields, in the endpoint's format. `effort` is the supported level, or undefined for none. */
function reasoningFields(body: Body, model: PiModel<string>, compat: CompletionsCompat, effort: string | undefined): void {
  if (!model.reasoning) return;
  const map = model.thinkingLevelMap;
  const mapped = effort ? (map?.[effort as keyof typeof map] ?? effort) : undefined;
  switch (compat.thinkingFormat) {
    case "zai":
    case "qwen":
      body.enable_thinking = effort !== undefined;
      return;
    case "qwen-chat-template":
      body.chat_template_kwargs = { enable_thinking: effort !== undefined, preserve_thinking: true };
      return;
    case "deepseek":
      body.thinking = { type: effort ? "enabled" : "disabled" };
      if (mapped) body.reasoning_effort = mapped;
      return;
    case "openrouter":
      // OpenRouter-style gateways take one nested object; "off" is sent unless the level map removes it.
      if (mapped) body.reasoning = { effort: mapped };
      else if (map?.off !== null) body.reasoning = { effort: map?.off ?? "none" };
      return;
    default:
      if (!compat.supportsReasoningEffort) return;
      if (mapped) body.reasoning_effort = mapped;
      else if (typeof map?.off === "string") body.reasoning_effort = map.off;
  }
}

/** The JSON body, before the caller's `onPayload` hook. */
export function buildCompletionsBody(params: {
  model: PiModel<string>;
  context: Context;
  options: SimpleStreamOptions;
  compat: CompletionsCompat;
  env?: EnvRecord;
}): Body {
  const { model, context, options, compat } = params;
  const retention = cacheRetentionOf(options, params.env ?? process.env);
  const longRetention = retention === "long" && compat.supportsLongCacheRetention;
  const { messages, toolHistory } = toWireMessages(model, context, compat);
  const body: Body = {
    model: model.id,
    messages,
    stream: true,
    prompt_cache_key: (model.baseUrl.includes("api.openai.com") && retention !== "none") || longRetention ? options.sessionId : undefined,
    prompt_cache_retention: longRetention ? "24h" : undefined,
  };
  if (compat.supportsUsageInStreaming !== false) body.stream_options = { include_usage: true };
  if (compat.supportsStore) body.store = false;
  const maxTokens = options.maxTokens ?? (model.maxTokens > 0 ? Math.min(model.maxTokens, DEFAULT_MAX_TOKENS_CAP) : undefined);
  if (maxTokens) body[compat.maxTokensField === "max_tokens" ? "max_tokens" : "max_completion_tokens"] = maxTokens;
  if (options.temperature !== undefined) body.temperature = options.temperature;
  let tools: Body[] | undefined;
  if (context.tools && context.tools.length > 0) {
    tools = wireTools(context.tools, compat);
    body.tools = tools;
    if (compat.zaiToolStream) body.tool_stream = true;
  } else if (toolHistory) {
    // Some proxies refuse tool calls in the history unless a tools field is present.
    body.tools = [];
  }
  if (compat.cacheControlFormat === "anthropic" && retention !== "none") {
    markForCaching(messages, tools, { type: "ephemeral", ...(longRetention ? { ttl: "1h" } : {}) });
  }
  const toolChoice = (options as { toolChoice?: unknown }).toolChoice;
  if (toolChoice) body.tool_choice = toolChoice;
  reasoningFields(body, model, compat, supportedReasoningLevel(model, options.reasoning));
  // Routing preferences go only to the gateways that define them, and only when the model sets them.
  const configured = model.compat as OpenAICompletionsCompat | undefined;
  if (model.baseUrl.includes("openrouter.ai") && configured?.openRouterRouting) body.provider = configured.openRouterRouting;
  const vercel = model.baseUrl.includes("ai-gateway.vercel.sh") ? configured?.vercelGatewayRouting : undefined;
  if (vercel && (vercel.only || vercel.order)) {
    body.providerOptions = { gateway: { ...(vercel.only ? { only: vercel.only } : {}), ...(vercel.order ? { order: vercel.order } : {}) } };
  }
  return body;
}

/**
 * The request headers: JSON in, an event stream out, the key as a bearer token, then the model's headers,
 * session-affinity headers when the endpoint wants them, and the caller's headers last. A caller header
 * set to null removes that header (the keyless tier removes Authorization this way).
 */
export function buildCompletionsHeaders(params: { model: PiModel<string>; options: SimpleStreamOptions; compat: CompletionsCompat; env?: EnvRecord }): Record<string, string> {
  const { model, options, compat } = params;
  const headers = new Map<string, [string, string]>();
  const set = (name: string, value: unknown) => {
    if (value === null || value === undefined) headers.delete(name.toLowerCase());
    else headers.set(name.toLowerCase(), [name, String(value)]);
  };
  set("Content-Type", "application/json");
  set("Accept", "text/event-stream");
  set("User-Agent", `openclaw/${VERSION}`);
  if (options.apiKey) set("Authorization", `Bearer ${options.apiKey}`);
  for (const [name, value] of Object.entries(model.headers ?? {})) set(name, value);
  const retention = cacheRetentionOf(options, params.env ?? process.env);
  if (options.sessionId && retention !== "none" && compat.sendSessionAffinityHeaders) {
    for (const name of ["session_id", "x-client-request-id", "x-session-affinity"]) set(name, options.sessionId);
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) set(name, value);
  return Object.fromEntries([...headers.values()]);
}
