/**
 * The wizard's API-key flow, one generic path for every provider in the table, in the design's order:
 * reuse a usable profile -> `--token` for this provider -> offer the env key -> prompt (masked).
 */
import { ensureAuthProfileStore, resolveAuthProfileOrder, resolveProfileSecret } from "../agents/auth-profiles/index.js";
import { resolveEnvApiKey } from "../agents/model-auth.js";
import type { AuthProfileMode, OpenClawConfig } from "../config/types.js";
import type { RuntimeEnv } from "../runtime.js";
import { findApiKeyProvider, findApiKeyProviderByAuthChoice, normalizeProviderId, type ApiKeyProviderSpec } from "../providers/api-key-providers.js";
import type { WizardPrompter } from "../wizard/prompts.js";
import { formatApiKeyPreview, normalizeApiKeyInput, validateApiKeyInput } from "./auth-choice.api-key.js";
import { applyDefaultModelChoice } from "./auth-choice.default-model.js";
import { applyAuthProfileConfig, applyProviderConfigFromSpec, applyProviderDefaultConfigFromSpec } from "./onboard-auth.config-shared.js";
import { setProviderApiKey } from "./onboard-auth.credentials.js";
import type { AuthChoice } from "./onboard-types.js";
import type { EnvRecord } from "../infra/env.js";
import type { StoreProviderKey } from "./onboard-writes.js";

export type ApplyAuthChoiceParams = {
  authChoice: AuthChoice;
  config: OpenClawConfig;
  prompter: WizardPrompter;
  runtime: RuntimeEnv;
  agentDir?: string;
  setDefaultModel: boolean;
  agentId?: string;
  opts?: { tokenProvider?: string; token?: string; noBrowser?: boolean };
  env?: EnvRecord;
  /** How a key is stored; onboarding passes one that defers the write until its prompts are done. */
  storeKey?: StoreProviderKey;
};

/** Where the stored credential came from, for the wizard's summary (never the key itself). */
export type AppliedCredential = { provider: string; profileId: string; source: "profile" | "token" | "env" | "prompt" | "browser"; preview: string };

export type ApplyAuthChoiceResult = { config: OpenClawConfig; agentModelOverride?: string; credential?: AppliedCredential };

/** `--token-provider kilocode` (with the generic "token" choice) means the kilocode API-key choice. */
export function resolveAuthChoiceFromTokenProvider(authChoice: AuthChoice, tokenProvider?: string): AuthChoice {
  if (!tokenProvider || (authChoice !== "token" && authChoice !== "apiKey")) return authChoice;
  return findApiKeyProvider(tokenProvider)?.authChoice ?? authChoice;
}

function modeFromCredentialType(type: string): AuthProfileMode {
  return type === "oauth" ? "oauth" : type === "token" ? "token" : "api_key";
}

async function obtainCredential(
  spec: ApiKeyProviderSpec,
  params: ApplyAuthChoiceParams,
  env: EnvRecord,
): Promise<{ profileId: string; mode: AuthProfileMode; credential: AppliedCredential }> {
  const store = ensureAuthProfileStore(params.agentDir, { env });
  const existingId = resolveAuthProfileOrder({ cfg: params.config, store, provider: spec.id, env }).find((id) => store.profiles[id]);
  const existing = existingId ? store.profiles[existingId] : undefined;
  if (existingId && existing) {
    const preview = formatApiKeyPreview(resolveProfileSecret(existing, env) ?? "");
    await params.prompter.note(`Using the existing ${spec.label} profile ${existingId} (${preview}).`, "Credentials");
    return {
      profileId: existingId,
      mode: modeFromCredentialType(existing.type),
      credential: { provider: spec.id, profileId: existingId, source: "profile", preview },
    };
  }

  const stored = (source: AppliedCredential["source"], key: string) => ({
    profileId: spec.profileId,
    mode: "api_key" as const,
    credential: { provider: spec.id, profileId: spec.profileId, source, preview: formatApiKeyPreview(key) },
  });

  const storeKey = params.storeKey ?? setProviderApiKey;
  const token = params.opts?.token;
  if (token && params.opts?.tokenProvider && normalizeProviderId(params.opts.tokenProvider) === spec.id) {
    const key = normalizeApiKeyInput(token);
    await storeKey(spec.id, key, params.agentDir);
    return stored("token", key);
  }

  const envKey = resolveEnvApiKey(spec.id, env);
  if (envKey) {
    const envVar = envKey.source.replace(/^.*:\s*/, "");
    const useExisting = await params.prompter.confirm({
      message: `Use existing ${envVar} (${envKey.source}, ${formatApiKeyPreview(envKey.apiKey)})?`,
      initialValue: true,
    });
    if (useExisting) {
      await storeKey(spec.id, envKey.apiKey, params.agentDir);
      return stored("env", envKey.apiKey);
    }
  }

  const typed = await params.prompter.text({ message: spec.promptMessage, mask: true, validate: validateApiKeyInput });
  const key = normalizeApiKeyInput(typed);
  await storeKey(spec.id, key, params.agentDir);
  return stored("prompt", key);
}

/** Records the stored credential's profile and registers the provider (and its default model when asked). */
export async function applyProviderCredentialConfig(
  spec: ApiKeyProviderSpec,
  params: ApplyAuthChoiceParams,
  profile: { profileId: string; mode: AuthProfileMode; email?: string },
): Promise<{ config: OpenClawConfig; agentModelOverride?: string }> {
  const withProfile = applyAuthProfileConfig(params.config, { profileId: profile.profileId, provider: spec.id, mode: profile.mode, ...(profile.email ? { email: profile.email } : {}) });
  return applyDefaultModelChoice({
    config: withProfile,
    setDefaultModel: params.setDefaultModel,
    defaultModel: spec.defaultModelRef,
    applyDefaultConfig: (cfg) => applyProviderDefaultConfigFromSpec(spec, cfg),
    applyProviderConfig: (cfg) => applyProviderConfigFromSpec(spec, cfg),
    noteDefault: spec.defaultModelRef,
    noteAgentModel: async (ref) => {
      if (params.agentId) await params.prompter.note(`Default model set to ${ref} for agent "${params.agentId}".`, "Model configured");
    },
    prompter: params.prompter,
  });
}

export async function applyAuthChoiceApiProviders(params: ApplyAuthChoiceParams): Promise<ApplyAuthChoiceResult | null> {
  const env = params.env ?? process.env;
  const authChoice = resolveAuthChoiceFromTokenProvider(params.authChoice, params.opts?.tokenProvider);
  const spec = findApiKeyProviderByAuthChoice(authChoice);
  if (!spec) return null;

  const { profileId, mode, credential } = await obtainCredential(spec, params, env);
  const applied = await applyProviderCredentialConfig(spec, params, { profileId, mode });
  return { ...applied, credential };
}
