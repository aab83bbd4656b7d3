/**
 * Persisting a provider's API key as an auth profile (`<provider>:default`). One generic setter reads the
 * provider table; the per-provider names are the ones OpenClaw exports.
 */
import { resolveOpenClawAgentDir } from "../config/paths.js";
import { upsertAuthProfile, type ApiKeyCredential } from "../agents/auth-profiles/index.js";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import type { SecretInputMode } from "./onboard-types.js";

export const ANTHROPIC_DEFAULT_MODEL_REF = requireApiKeyProvider("anthropic").defaultModelRef;
export const OPENAI_DEFAULT_MODEL_REF = requireApiKeyProvider("openai").defaultModelRef;
export const OPENROUTER_DEFAULT_MODEL_REF = "openrouter/auto";
export const KILOCODE_DEFAULT_MODEL_REF = "kilocode/anthropic/claude-opus-4.6";

function resolveAuthAgentDir(agentDir?: string): string {
  return agentDir ?? resolveOpenClawAgentDir();
}

/** The env var a key reference points to: the provider's canonical API-key variable. */
export function providerKeyEnvVar(providerId: string): string {
  const vars = requireApiKeyProvider(providerId).envVars;
  return vars[vars.length - 1]!;
}

/**
 * Stores `key` for `providerId`. In "ref" mode (or when the key is literally `${VAR}` for the provider's
 * env var) the profile holds `keyRef` to the env var instead of the secret.
 */
export async function setProviderApiKey(
  providerId: string,
  key: string,
  agentDir?: string,
  options: { secretInputMode?: SecretInputMode } = {},
): Promise<void> {
  const spec = requireApiKeyProvider(providerId);
  const envVar = providerKeyEnvVar(spec.id);
  const asRef = options.secretInputMode === "ref" || key.trim() === `\${${envVar}}`;
  const credential: ApiKeyCredential = asRef
    ? { type: "api_key", provider: spec.id, keyRef: { source: "env", provider: "default", id: envVar } }
    : { type: "api_key", provider: spec.id, key };
  await upsertAuthProfile({ profileId: spec.profileId, credential, agentDir: resolveAuthAgentDir(agentDir) });
}

export async function setAnthropicApiKey(key: string, agentDir?: string): Promise<void> {
  await setProviderApiKey("anthropic", key, agentDir);
}

export async function setOpenaiApiKey(key: string, agentDir?: string): Promise<void> {
  await setProviderApiKey("openai", key, agentDir);
}

export async function setOpenrouterApiKey(key: string, agentDir?: string): Promise<void> {
  // Upstream guards against a stringified missing value reaching the store.
  await setProviderApiKey("openrouter", key === "undefined" ? "" : key, agentDir);
}

export async function setKilocodeApiKey(key: string, agentDir?: string): Promise<void> {
  await setProviderApiKey("kilocode", key, agentDir);
}
