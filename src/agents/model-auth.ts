/**
 * Where a provider's API key comes from, as an ordered chain that says which link answered:
 * an explicit profile, the auth-profile store (in profile order), the environment, then the config's
 * `models.providers.<id>.apiKey`.
 */
import { resolveAuthStorePath } from "../config/paths.js";
import type { OpenClawConfig } from "../config/types.js";
import { OpenClawError } from "../infra/errors.js";
import { isHeaderSafeSecret, registerSecret } from "../infra/redact.js";
import { getShellEnvAppliedKeys } from "../infra/shell-env.js";
import { findApiKeyProvider, normalizeProviderId } from "../providers/api-key-providers.js";
import {
  ensureAuthProfileStore,
  resolveAuthProfileOrder,
  resolveProfileSecret,
  resolveStoreAgentDir,
  type AuthProfileCredential,
  type AuthProfileStore,
} from "./auth-profiles/index.js";
import type { EnvRecord } from "../infra/env.js";

export { resolveProfileSecret } from "./auth-profiles/index.js";

/** Providers outside the onboarding table whose env var is still well known. */
const EXTRA_ENV_VARS: Record<string, readonly string[]> = {
  google: ["GEMINI_API_KEY"],
  groq: ["GROQ_API_KEY"],
  mistral: ["MISTRAL_API_KEY"],
  xai: ["XAI_API_KEY"],
  "vercel-ai-gateway": ["AI_GATEWAY_API_KEY"],
  zai: ["ZAI_API_KEY", "Z_AI_API_KEY"],
};

/**
 * The env vars tried for a provider, in order. The provider -> env var map is the `envVars` column of the
 * provider table (e.g. kilocode -> KILOCODE_API_KEY, openrouter -> OPENROUTER_API_KEY), plus the few above.
 */
export function envVarsForProvider(provider: string): readonly string[] {
  const id = normalizeProviderId(provider);
  return findApiKeyProvider(id)?.envVars ?? EXTRA_ENV_VARS[id] ?? [];
}

function normalizeOptionalSecret(value: string | undefined): string | undefined {
  const cleaned = value?.replace(/[\r\n\u2028\u2029]/g, "").trim();
  return cleaned ? cleaned : undefined;
}

/** A key found in the env: `source` is the label shown to users, `envVar` the variable that held it. */
export type EnvApiKey = { apiKey: string; source: string; envVar: string };

export function resolveEnvApiKey(provider: string, env: EnvRecord = process.env): EnvApiKey | null {
  for (const name of envVarsForProvider(provider)) {
    const apiKey = normalizeOptionalSecret(env[name]);
    if (apiKey) return { apiKey, source: `${getShellEnvAppliedKeys().has(name) ? "shell env" : "env"}: ${name}`, envVar: name };
  }
  return null;
}

export type AuthMode = "api-key" | "oauth" | "token" | "aws-sdk";
export type ResolvedProviderAuth = { apiKey: string; profileId?: string; source: string; mode: AuthMode };

function modeForCredential(credential: AuthProfileCredential): AuthMode {
  return credential.type === "api_key" ? "api-key" : credential.type;
}

function configApiKey(cfg: OpenClawConfig | undefined, provider: string): string | undefined {
  const providers = cfg?.models?.providers ?? {};
  for (const [id, block] of Object.entries(providers)) {
    if (normalizeProviderId(id) === provider) return block.apiKey?.trim() || undefined;
  }
  return undefined;
}

/** How to fix a missing key, derived from the provider table. */
function missingKeyHint(provider: string): string {
  const spec = findApiKeyProvider(provider);
  if (!spec) return `Add models.providers.${provider}.apiKey to openclaw.json, or an auth profile for "${provider}".`;
  return `Run \`openclaw onboard --auth-choice ${spec.authChoice}\` or set ${spec.envVar}.`;
}

export async function resolveApiKeyForProvider(params: {
  provider: string;
  cfg?: OpenClawConfig;
  profileId?: string;
  preferredProfile?: string;
  store?: AuthProfileStore;
  agentDir?: string;
  env?: EnvRecord;
}): Promise<ResolvedProviderAuth> {
  const provider = normalizeProviderId(params.provider);
  const env = params.env ?? process.env;
  const agentDir = resolveStoreAgentDir(params.agentDir, env);
  const store = params.store ?? ensureAuthProfileStore(agentDir, { env });

  if (params.profileId) {
    const credential = store.profiles[params.profileId];
    const apiKey = credential ? resolveProfileSecret(credential, env) : undefined;
    if (!credential || !apiKey) {
      throw new OpenClawError("NO_API_KEY", `No credentials found for profile "${params.profileId}".`, {
        hint: missingKeyHint(provider),
      });
    }
    return { apiKey, profileId: params.profileId, source: `profile:${params.profileId}`, mode: modeForCredential(credential) };
  }

  const order = resolveAuthProfileOrder({ cfg: params.cfg, store, provider, preferredProfile: params.preferredProfile, env });
  for (const profileId of order) {
    const credential = store.profiles[profileId];
    const apiKey = credential ? resolveProfileSecret(credential, env) : undefined;
    if (credential && apiKey) return { apiKey, profileId, source: `profile:${profileId}`, mode: modeForCredential(credential) };
  }

  const fromEnv = resolveEnvApiKey(provider, env);
  if (fromEnv) return { apiKey: fromEnv.apiKey, source: fromEnv.source, mode: fromEnv.envVar.includes("OAUTH_TOKEN") ? "oauth" : "api-key" };

  const fromConfig = configApiKey(params.cfg, provider);
  if (fromConfig) return { apiKey: fromConfig, source: "models.json", mode: "api-key" };

  throw new OpenClawError("NO_API_KEY", `No API key found for provider "${provider}".`, {
    hint: `${missingKeyHint(provider)} Auth store: ${resolveAuthStorePath(agentDir)}`,
  });
}

/**
 * The key to send, checked: it must be a valid header value (a pasted newline or NUL would otherwise
 * surface as a transport error quoting the whole key), and it is registered with the redactor.
 */
export function requireApiKey(auth: ResolvedProviderAuth, provider: string): string {
  if (!isHeaderSafeSecret(auth.apiKey)) {
    const where = auth.profileId ? `profile "${auth.profileId}"` : auth.source;
    throw new OpenClawError("API_KEY_INVALID", `The API key from ${where} contains a character that cannot be sent in an HTTP header (a newline, NUL, other control or non-ASCII character).`, {
      hint: `${missingKeyHint(provider)} Paste the key again without extra characters.`,
    });
  }
  registerSecret(auth.apiKey);
  return auth.apiKey;
}
