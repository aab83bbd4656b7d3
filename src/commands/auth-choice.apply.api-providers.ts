/**
 * The wizard's API-key flow, one generic path for every provider in the table. The key comes from the
 * shared chain in `onboard-key-chain.ts` (flag > token > env with confirm > usable profile > masked prompt;
 * with no key flag, an existing usable profile is reused first, as the design asks).
 */
import type { AuthProfileMode, OpenClawConfig } from "../config/types.js";
import type { RuntimeEnv } from "../runtime.js";
import { findApiKeyProvider, findApiKeyProviderByAuthChoice, type ApiKeyProviderSpec } from "../providers/api-key-providers.js";
import type { WizardPrompter } from "../wizard/prompts.js";
import { formatApiKeyPreview } from "./auth-choice.api-key.js";
import { applyDefaultModelChoice } from "./auth-choice.default-model.js";
import { applyAuthProfileConfig, applyProviderConfigFromSpec, applyProviderDefaultConfigFromSpec } from "./onboard-auth.config-shared.js";
import { resolveOnboardBaseUrl } from "./onboard-base-url.js";
import { keyChainOptionsFor, resolveOnboardingKey, storeOnboardingKey, type KeySource, type OnboardKeyFlags } from "./onboard-key-chain.js";
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
  /** The key flags of `openclaw onboard` (`--<provider>-api-key`, `--token`/`--token-provider`, `--secret-input-mode`) and `--no-browser`. */
  opts?: OnboardKeyFlags & { noBrowser?: boolean };
  env?: EnvRecord;
  /** How a key is stored; onboarding passes one that defers the write until its prompts are done. */
  storeKey?: StoreProviderKey;
  /** The user chose "Replace the key": the stored profile is not reused. */
  replaceExistingKey?: boolean;
  /** The wizard's model picker runs next: it says "Default model set to …" once the user has chosen. */
  deferModelNote?: boolean;
};

/** Where the stored credential came from, for the wizard's summary (never the key itself). */
export type AppliedCredential = { provider: string; profileId: string; source: KeySource | "browser"; preview: string };

export type ApplyAuthChoiceResult = { config: OpenClawConfig; agentModelOverride?: string; credential?: AppliedCredential };

/** `--token-provider kilocode` (with the generic "token" choice) means the kilocode API-key choice. */
export function resolveAuthChoiceFromTokenProvider(authChoice: AuthChoice, tokenProvider?: string): AuthChoice {
  if (!tokenProvider || (authChoice !== "token" && authChoice !== "apiKey")) return authChoice;
  return findApiKeyProvider(tokenProvider)?.authChoice ?? authChoice;
}

/** Records the stored credential's profile and registers the provider (and its default model when asked). */
export async function applyProviderCredentialConfig(
  spec: ApiKeyProviderSpec,
  params: ApplyAuthChoiceParams,
  profile: { profileId: string; mode: AuthProfileMode; email?: string },
): Promise<{ config: OpenClawConfig; agentModelOverride?: string }> {
  const withProfile = applyAuthProfileConfig(params.config, { profileId: profile.profileId, provider: spec.id, mode: profile.mode, ...(profile.email ? { email: profile.email } : {}) });
  // The effective base URL (env override included) is what gets written; a custom one is replaced only if the user agrees.
  const { baseUrl: effective, change } = resolveOnboardBaseUrl(spec, params.config, params.env ?? process.env);
  const replace =
    !change ||
    (await params.prompter.confirm({ message: `Replace the custom base URL ${change.previous} with ${change.next}?`, initialValue: true }));
  const baseUrl = replace ? effective : change.previous;
  return applyDefaultModelChoice({
    config: withProfile,
    setDefaultModel: params.setDefaultModel,
    defaultModel: spec.defaultModelRef,
    applyDefaultConfig: (cfg) => applyProviderDefaultConfigFromSpec(spec, cfg, { baseUrl }),
    applyProviderConfig: (cfg) => applyProviderConfigFromSpec(spec, cfg, { baseUrl }),
    ...(params.deferModelNote ? {} : { noteDefault: spec.defaultModelRef }),
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

  const options = keyChainOptionsFor(spec, params.opts ?? {});
  const agentDir = params.agentDir ? { agentDir: params.agentDir } : {};
  const resolved = await resolveOnboardingKey({
    spec,
    cfg: params.config,
    options,
    ...agentDir,
    env,
    prompter: params.prompter,
    ...(params.replaceExistingKey ? { replaceExisting: true } : {}),
  });
  const preview = formatApiKeyPreview(resolved.key);
  if (resolved.source === "profile") {
    await params.prompter.note(`Using the existing ${spec.label} profile ${resolved.profileId} (${preview}).`, "Credentials");
  }
  const { profileId, mode } = await storeOnboardingKey({ spec, resolved, options, ...agentDir, env, ...(params.storeKey ? { storeKey: params.storeKey } : {}) });
  const applied = await applyProviderCredentialConfig(spec, params, { profileId, mode });
  return { ...applied, credential: { provider: spec.id, profileId, source: resolved.source, preview } };
}
