/**
 * The one key-resolution chain both onboarding paths use, so the wizard and `--non-interactive` cannot
 * drift. Links, in order:
 *   1. `--<provider>-api-key` (a `-` was already replaced by stdin in `onboard.ts`);
 *   2. `--token` with `--token-provider <this provider>`;
 *   3. the provider's env var (the wizard asks first: "Use existing <VAR> (<source>, <preview>)?");
 *   4. an existing usable profile of the provider (kept as is: its id and mode);
 *   5. a masked prompt (wizard) or the exact "Missing --<provider>-api-key (...)" error (non-interactive).
 * The design's wizard order still holds when no `--<provider>-api-key` is given: an existing usable
 * profile is reused first, before `--token`, the env key and the prompt.
 */
import { ensureAuthProfileStore, resolveAuthProfileOrder, resolveProfileSecret, type AuthProfileCredential } from "../agents/auth-profiles/index.js";
import { resolveEnvApiKey } from "../agents/model-auth.js";
import type { AuthProfileMode, OpenClawConfig } from "../config/types.js";
import type { EnvRecord } from "../infra/env.js";
import { OpenClawError } from "../infra/errors.js";
import { normalizeProviderId, type ApiKeyProviderSpec } from "../providers/api-key-providers.js";
import type { WizardPrompter } from "../wizard/prompts.js";
import { apiKeyProblem, formatApiKeyPreview, normalizeApiKeyInput, validateApiKeyInput } from "./auth-choice.api-key.js";
import { setProviderApiKey } from "./onboard-auth.credentials.js";
import type { ProviderApiKeyOptions, SecretInputMode } from "./onboard-types.js";
import type { StoreProviderKey } from "./onboard-writes.js";

/** The key-related options of `openclaw onboard`, for one provider. */
export type KeyChainOptions = { flagValue?: string; tokenProvider?: string; token?: string; secretInputMode?: SecretInputMode };

/** The key flags of `openclaw onboard`, as both paths receive them. */
export type OnboardKeyFlags = ProviderApiKeyOptions & { tokenProvider?: string; token?: string; secretInputMode?: SecretInputMode };

/** Picks `spec`'s own `--<provider>-api-key` out of the onboarding options. */
export function keyChainOptionsFor(spec: ApiKeyProviderSpec, opts: OnboardKeyFlags): KeyChainOptions {
  const flagValue = opts[spec.flag.optionKey];
  return {
    ...(flagValue !== undefined ? { flagValue } : {}),
    ...(opts.tokenProvider !== undefined ? { tokenProvider: opts.tokenProvider } : {}),
    ...(opts.token !== undefined ? { token: opts.token } : {}),
    ...(opts.secretInputMode ? { secretInputMode: opts.secretInputMode } : {}),
  };
}

/** What answered, never holding more than the caller needs: a profile is referred to, not copied. */
export type ResolvedOnboardingKey =
  | { source: "flag" | "token" | "prompt"; key: string }
  | { source: "env"; key: string; envVar: string; envSource: string }
  | { source: "profile"; profileId: string; mode: AuthProfileMode; key: string };

export type KeySource = ResolvedOnboardingKey["source"];

function modeFromCredential(credential: AuthProfileCredential): AuthProfileMode {
  return credential.type === "oauth" ? "oauth" : credential.type === "token" ? "token" : "api_key";
}

/** The first profile of the provider (in `auth.order` / store order) that has a usable secret. */
export function findUsableProfile(spec: ApiKeyProviderSpec, cfg: OpenClawConfig, agentDir: string | undefined, env: EnvRecord): ResolvedOnboardingKey | undefined {
  const store = ensureAuthProfileStore(agentDir, { env });
  for (const profileId of resolveAuthProfileOrder({ cfg, store, provider: spec.id, env })) {
    const credential = store.profiles[profileId];
    const key = credential ? resolveProfileSecret(credential, env) : undefined;
    if (credential && key) return { source: "profile", profileId, mode: modeFromCredential(credential), key };
  }
  return undefined;
}

/** The exact upstream text (2026.2.24) for a missing key in non-interactive onboarding. */
function missingOnboardingKeyError(spec: ApiKeyProviderSpec): OpenClawError {
  return new OpenClawError("ONBOARD_MISSING_KEY", `Missing ${spec.flag.cliFlag} (or ${spec.envVar} in env, or existing ${spec.id} API-key profile).`, {
    hint: `Export ${spec.envVar}, pass ${spec.flag.cliFlag} (\`-\` reads it from stdin), or run \`openclaw onboard\` for interactive setup.`,
  });
}

/**
 * Walks the chain for `spec`. With a prompter it is the wizard (env confirm, prompt at the end); without
 * one it is non-interactive and throws `ONBOARD_MISSING_KEY` when nothing answers.
 */
export async function resolveOnboardingKey(params: Parameters<typeof findOnboardingKey>[0]): Promise<ResolvedOnboardingKey> {
  const resolved = await findOnboardingKey(params);
  // A key with a space inside is a paste gone wrong (two words, a wrapped line): refuse it, whatever its source.
  const problem = resolved.source === "profile" ? undefined : apiKeyProblem(resolved.key);
  if (problem) {
    const from = resolved.source === "flag" ? params.spec.flag.cliFlag : resolved.source === "env" ? resolved.envVar : resolved.source === "token" ? "--token" : "the prompt";
    throw new OpenClawError("ONBOARD_BAD_KEY", `The ${params.spec.label} key from ${from} contains spaces, so it cannot be a key.`, {
      hint: "Pass the key alone (no second word or line break); nothing was stored.",
    });
  }
  return resolved;
}

async function findOnboardingKey(params: {
  spec: ApiKeyProviderSpec;
  cfg: OpenClawConfig;
  options: KeyChainOptions;
  agentDir?: string;
  env: EnvRecord;
  prompter?: WizardPrompter;
  /** The wizard's "Replace the key": skip the stored profile and ask for a new key. */
  replaceExisting?: boolean;
}): Promise<ResolvedOnboardingKey> {
  const { spec, options, prompter, env } = params;
  const fromFlag = options.flagValue === undefined ? "" : normalizeApiKeyInput(options.flagValue);
  if (fromFlag) return { source: "flag", key: fromFlag };

  // The wizard's design order: an existing usable profile wins over everything but an explicit key flag,
  // unless the user chose to replace it (e.g. after the gateway rejected it).
  if (prompter && !params.replaceExisting) {
    const profile = findUsableProfile(spec, params.cfg, params.agentDir, env);
    if (profile) return profile;
  }

  const tokenIsForThisProvider = options.tokenProvider !== undefined && normalizeProviderId(options.tokenProvider) === spec.id;
  const fromToken = tokenIsForThisProvider && options.token ? normalizeApiKeyInput(options.token) : "";
  if (fromToken) return { source: "token", key: fromToken };

  const envKey = resolveEnvApiKey(spec.id, env);
  if (envKey) {
    const accepted =
      !prompter ||
      (await prompter.confirm({
        message: `Use existing ${envKey.envVar} (${envKey.source}, ${formatApiKeyPreview(envKey.apiKey)})?`,
        initialValue: true,
      }));
    if (accepted) return { source: "env", key: envKey.apiKey, envVar: envKey.envVar, envSource: envKey.source };
  }

  if (!prompter) {
    const profile = findUsableProfile(spec, params.cfg, params.agentDir, env);
    if (profile) return profile;
    throw missingOnboardingKeyError(spec);
  }
  const typed = await prompter.text({ message: spec.promptMessage, mask: true, validate: validateApiKeyInput });
  return { source: "prompt", key: normalizeApiKeyInput(typed) };
}

/**
 * Stores what the chain found as `<provider>:default` (a reused profile is left untouched) and returns the
 * profile to record in the config. `--secret-input-mode ref` stores a reference to the provider's
 * canonical env var instead of the key, which needs that var to be set.
 */
export async function storeOnboardingKey(params: {
  spec: ApiKeyProviderSpec;
  resolved: ResolvedOnboardingKey;
  options: KeyChainOptions;
  agentDir?: string;
  env: EnvRecord;
  /** Defaults to writing at once; the wizard passes one that defers the write until its prompts are done. */
  storeKey?: StoreProviderKey;
}): Promise<{ profileId: string; mode: AuthProfileMode; storedAs: "key" | "keyRef" | "existing" }> {
  const { spec, resolved } = params;
  if (resolved.source === "profile") return { profileId: resolved.profileId, mode: resolved.mode, storedAs: "existing" };
  const asRef = params.options.secretInputMode === "ref";
  if (asRef && !params.env[spec.envVar]?.trim()) {
    throw new OpenClawError(
      "ONBOARD_SECRET_REF",
      `--secret-input-mode ref stores a reference to ${spec.envVar}, but ${spec.envVar} is not set. Export it, then re-run.`,
      { hint: `export ${spec.envVar}=<key>, or drop --secret-input-mode ref to store the key itself.` },
    );
  }
  await (params.storeKey ?? setProviderApiKey)(spec.id, resolved.key, params.agentDir, { secretInputMode: asRef ? "ref" : "plaintext" });
  return { profileId: spec.profileId, mode: "api_key", storedAs: asRef ? "keyRef" : "key" };
}

/** Where the key came from, for summaries: `--kilocode-api-key`, `--token`, `env: KILOCODE_API_KEY`, `profile:<id>`, `prompt`. */
export function describeKeySource(spec: ApiKeyProviderSpec, resolved: ResolvedOnboardingKey): string {
  switch (resolved.source) {
    case "flag":
      return spec.flag.cliFlag;
    case "token":
      return "--token";
    case "env":
      return resolved.envSource;
    case "profile":
      return `profile:${resolved.profileId}`;
    case "prompt":
      return "prompt";
  }
}
