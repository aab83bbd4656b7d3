/**
 * The wire details of one OpenAI-compatible endpoint: which optional fields it takes and how it wants
 * reasoning asked for. Known endpoints are recognised by provider id or base URL (the rules pi-ai has
 * always applied to our requests, so bodies stay what they were); every flag can be overridden by the
 * model's `compat` (which our extra-params.ts `detectCompat` fills from the provider family and config).
 */
import type { Model as PiModel, OpenAICompletionsCompat } from "@mariozechner/pi-ai";

export type CompletionsCompat = Required<Omit<OpenAICompletionsCompat, "cacheControlFormat">> & Pick<OpenAICompletionsCompat, "cacheControlFormat">;

type CompatModel = Pick<PiModel<string>, "provider" | "baseUrl" | "id"> & { compat?: OpenAICompletionsCompat };

/** Endpoint kinds with wire quirks: provider ids, or pieces of the base URL. */
const ENDPOINTS = {
  zai: { providers: ["zai"], urls: ["api.z.ai"] },
  moonshot: { providers: ["moonshotai", "moonshotai-cn"], urls: ["api.moonshot."] },
  cloudflareWorkers: { providers: ["cloudflare-workers-ai"], urls: ["api.cloudflare.com"] },
  cloudflareGateway: { providers: ["cloudflare-ai-gateway"], urls: ["gateway.ai.cloudflare.com"] },
  cerebras: { providers: ["cerebras"], urls: ["cerebras.ai"] },
  xai: { providers: ["xai"], urls: ["api.x.ai"] },
  chutes: { providers: [], urls: ["chutes.ai"] },
  deepseek: { providers: ["deepseek"], urls: ["deepseek.com"] },
  opencode: { providers: ["opencode"], urls: ["opencode.ai"] },
  openrouter: { providers: ["openrouter"], urls: ["openrouter.ai"] },
} satisfies Record<string, { providers: readonly string[]; urls: readonly string[] }>;

type Endpoint = keyof typeof ENDPOINTS;

/** The flags an endpoint gets when the model's `compat` says nothing. */
export function detectedCompat(model: CompatModel): CompletionsCompat {
  const is = (kind: Endpoint) => {
    const { providers, urls }: { providers: readonly string[]; urls: readonly string[] } = ENDPOINTS[kind];
    return providers.includes(model.provider) || urls.some((part) => model.baseUrl.includes(part));
  };
  const deepseek = is("deepseek");
  // DeepSeek's base URL (not its provider id alone) marks the endpoint as taking no store/developer role.
  const deepseekUrl = model.baseUrl.includes("deepseek.com");
  const nonStandard = is("cerebras") || is("xai") || is("chutes") || deepseekUrl || is("zai") || is("moonshot") || is("opencode") || is("cloudflareWorkers") || is("cloudflareGateway");
  return {
    supportsStore: !nonStandard,
    supportsDeveloperRole: !nonStandard,
    supportsReasoningEffort: !is("xai") && !is("zai") && !is("moonshot") && !is("cloudflareGateway"),
    supportsUsageInStreaming: true,
    maxTokensField: is("chutes") || is("moonshot") || is("cloudflareGateway") ? "max_tokens" : "max_completion_tokens",
    requiresToolResultName: false,
    requiresAssistantAfterToolResult: false,
    requiresThinkingAsText: false,
    requiresReasoningContentOnAssistantMessages: deepseek,
    thinkingFormat: deepseek ? "deepseek" : is("zai") ? "zai" : is("openrouter") ? "openrouter" : "openai",
    openRouterRouting: {},
    vercelGatewayRouting: {},
    zaiToolStream: false,
    supportsStrictMode: !is("moonshot") && !is("cloudflareGateway"),
    ...(model.provider === "openrouter" && model.id.startsWith("anthropic/") ? { cacheControlFormat: "anthropic" as const } : {}),
    sendSessionAffinityHeaders: false,
    supportsLongCacheRetention: !is("cloudflareWorkers") && !is("cloudflareGateway"),
  };
}

/** The detected flags, each overridden by the model's `compat` when it sets one. */
export function resolveCompletionsCompat(model: CompatModel): CompletionsCompat {
  const detected = detectedCompat(model);
  const set = model.compat;
  if (!set) return detected;
  const merged: CompletionsCompat = { ...detected };
  for (const [key, value] of Object.entries(set)) {
    if (value !== undefined && value !== null) (merged as Record<string, unknown>)[key] = value;
  }
  // Routing preferences are the model's own or none (never the detected default).
  merged.openRouterRouting = set.openRouterRouting ?? {};
  return merged;
}
