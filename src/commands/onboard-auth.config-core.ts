/**
 * Per-provider config appliers with OpenClaw's names, all thin wrappers over the generic appliers that
 * read the provider table.
 */
import type { OpenClawConfig } from "../config/types.js";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import { applyProviderConfigFromSpec, applyProviderDefaultConfigFromSpec } from "./onboard-auth.config-shared.js";

export { KILOCODE_BASE_URL } from "../providers/kilocode-shared.js";
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
export const applyKilocodeProviderConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerConfig("kilocode");
/** `applyKilocodeProviderConfig` + primary model `kilocode/anthropic/claude-opus-4.6` (fallbacks kept). */
export const applyKilocodeConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerDefaultConfig("kilocode");

export const applyOpenrouterProviderConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerConfig("openrouter");
export const applyOpenrouterConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerDefaultConfig("openrouter");
export const applyOpenaiProviderConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerConfig("openai");
export const applyOpenaiConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerDefaultConfig("openai");
export const applyAnthropicProviderConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerConfig("anthropic");
export const applyAnthropicConfig: (cfg: OpenClawConfig) => OpenClawConfig = providerDefaultConfig("anthropic");
