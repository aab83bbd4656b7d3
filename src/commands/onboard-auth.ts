/** Barrel of the onboarding auth helpers, as OpenClaw exposes them. */
export {
  applyAgentDefaultModelPrimary,
  applyAnthropicConfig,
  applyAnthropicProviderConfig,
  applyAuthProfileConfig,
  applyKilocodeConfig,
  applyKilocodeProviderConfig,
  applyOpenaiConfig,
  applyOpenaiProviderConfig,
  applyOpenrouterConfig,
  applyOpenrouterProviderConfig,
  applyPrimaryModel,
  ensureModelAllowlistEntry,
  KILOCODE_BASE_URL,
} from "./onboard-auth.config-core.js";
export {
  ANTHROPIC_DEFAULT_MODEL_REF,
  KILOCODE_DEFAULT_MODEL_REF,
  OPENAI_DEFAULT_MODEL_REF,
  OPENROUTER_DEFAULT_MODEL_REF,
  setAnthropicApiKey,
  setKilocodeApiKey,
  setOpenaiApiKey,
  setOpenrouterApiKey,
  setProviderApiKey,
} from "./onboard-auth.credentials.js";
export {
  buildKilocodeModelDefinition,
  KILOCODE_DEFAULT_CONTEXT_WINDOW,
  KILOCODE_DEFAULT_COST,
  KILOCODE_DEFAULT_MAX_TOKENS,
  KILOCODE_DEFAULT_MODEL_ID,
} from "../providers/kilocode-shared.js";
