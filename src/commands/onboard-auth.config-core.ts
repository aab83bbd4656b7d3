/**
 * Per-provider config appliers with OpenClaw's names, all thin wrappers over the generic appliers that
 * read the provider table.
 */
import type { OpenClawConfig } from "../config/types.js";
import { anthropic } from "../providers/anthropic.js";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import { kilocode } from "../providers/kilocode.js";
import { openai } from "../providers/openai.js";
import { openrouter } from "../providers/openrouter.js";
import { applyProviderConfigFromSpec, applyProviderDefaultConfigFromSpec } from "./onboard-auth.config-shared.js";

export const KILOCODE_BASE_URL = kilocode.baseUrl;
export {
  applyAgentDefaultModelPrimary,
  applyAuthProfileConfig,
  applyPrimaryModel,
  ensureModelAllowlistEntry,
} from "./onboard-auth.config-shared.js";

const providerConfig = (id: string) => (cfg: OpenClawConfig) => applyProviderConfigFromSpec(requireApiKeyProvider(id), cfg);
const providerDefaultConfig = (id: string) => (cfg: OpenClawConfig) =>
  applyProviderDefaultConfigFromSpec(requireApiKeyProvider(id), cfg);

/** Registers Kilo Gateway (alias, provider block, default model definition) without changing the default model. */
export const applyKilocodeProviderConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerConfig(kilocode.id);
/** `applyKilocodeProviderConfig` + primary model `kilocode/anthropic/claude-opus-4.6` (fallbacks kept). */
export const applyKilocodeConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerDefaultConfig(kilocode.id);

export const applyOpenrouterProviderConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerConfig(openrouter.id);
export const applyOpenrouterConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerDefaultConfig(openrouter.id);
export const applyOpenaiProviderConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerConfig(openai.id);
export const applyOpenaiConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerDefaultConfig(openai.id);
export const applyAnthropicProviderConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerConfig(anthropic.id);
export const applyAnthropicConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerDefaultConfig(anthropic.id);
