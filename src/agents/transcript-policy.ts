/**
 * How a session transcript must be cleaned before it is replayed to a given provider/model. OpenRouter-style
 * proxies that front Gemini (the provider spec's family says which) reject thought signatures that are
 * not base64.
 */
import { familyProxiesGemini } from "../providers/facets.js";

export type TranscriptPolicy = {
  sanitizeMode: "full" | "images-only";
  sanitizeToolCallIds: boolean;
  toolCallIdMode?: "strict" | "strict9";
  repairToolUseResultPairing: boolean;
  preserveSignatures: boolean;
  sanitizeThoughtSignatures?: { allowBase64Only?: boolean; includeCamelCase?: boolean };
  sanitizeThinkingSignatures: boolean;
  dropThinkingBlocks: boolean;
  applyGoogleTurnOrdering: boolean;
  validateGeminiTurns: boolean;
  validateAnthropicTurns: boolean;
  allowSyntheticToolResults: boolean;
};

const MISTRAL_HINTS = ["mistral", "mixtral", "codestral", "pixtral", "devstral", "ministral", "mistralai"];
const GOOGLE_APIS = new Set(["google-generative-ai", "google-gemini-cli", "google-vertex"]);

export function isProxiedGeminiModel(provider: string, modelId: string): boolean {
  return familyProxiesGemini(provider, modelId);
}

export function resolveTranscriptPolicy(params: { modelApi?: string; provider?: string; modelId?: string }): TranscriptPolicy {
  const provider = (params.provider ?? "").trim().toLowerCase();
  const modelId = (params.modelId ?? "").toLowerCase();
  const isGoogle = GOOGLE_APIS.has(params.modelApi ?? "") || provider === "google";
  const isAnthropic = params.modelApi === "anthropic-messages" || provider === "anthropic";
  const isMistral = provider === "mistral" || MISTRAL_HINTS.some((hint) => modelId.includes(hint));
  const isProxiedGemini = isProxiedGeminiModel(provider, modelId);
  const needsFullSanitize = isGoogle || isAnthropic || isMistral || isProxiedGemini;

  return {
    sanitizeMode: needsFullSanitize ? "full" : "images-only",
    sanitizeToolCallIds: isGoogle || isMistral,
    ...(isMistral ? { toolCallIdMode: "strict9" as const } : isGoogle ? { toolCallIdMode: "strict" as const } : {}),
    repairToolUseResultPairing: isGoogle || isAnthropic,
    preserveSignatures: isAnthropic,
    ...(isProxiedGemini ? { sanitizeThoughtSignatures: { allowBase64Only: true, includeCamelCase: true } } : {}),
    sanitizeThinkingSignatures: false,
    dropThinkingBlocks: false,
    applyGoogleTurnOrdering: isGoogle,
    validateGeminiTurns: isGoogle,
    validateAnthropicTurns: isAnthropic,
    allowSyntheticToolResults: isGoogle || isAnthropic,
  };
}
