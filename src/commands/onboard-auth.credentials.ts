/**
 * Persisting a provider's API key as an auth profile (`<provider>:default`). One generic setter reads the
 * provider table; the per-provider names are the ones OpenClaw exports.
 */
import { resolveOpenClawAgentDir } from "../config/paths.js";
import { upsertAuthProfile, type ApiKeyCredential } from "../agents/auth-profiles/index.js";
import { OpenClawError } from "../infra/errors.js";
import { isHeaderSafeSecret } from "../infra/redact.js";
import { anthropic } from "../providers/anthropic.js";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import { kilocode } from "../providers/kilocode.js";
import { KILOCODE_DEFAULT_MODEL_REF } from "../providers/kilocode-shared.js";
import { openai } from "../providers/openai.js";
import { openrouter } from "../providers/openrouter.js";
import { defaultModelRefFor } from "../providers/spec.js";
import type { SecretInputMode } from "./onboard-types.js";

export const ANTHROPIC_DEFAULT_MODEL_REF = defaultModelRefFor(anthropic);
export const OPENAI_DEFAULT_MODEL_REF = defaultModelRefFor(openai);
export const OPENROUTER_DEFAULT_MODEL_REF = defaultModelRefFor(openrouter);
export { KILOCODE_DEFAULT_MODEL_REF };

function resolveAuthAgentDir(agentDir?: string): string {
  return agentDir ?? resolveOpenClawAgentDir();
}

/** The env var a key reference points to: the provider's canonical API-key variable. */
export function providerKeyEnvVar(providerId: string): string {
  return requireApiKeyProvider(providerId).envVar;
}

/**
 * Stores `key` for `providerId`. In "ref" mode (or when the key is literally `${VAR}` for the provider's
 * env var) the profile holds `keyRef` to the env var instead of the secret.
 */
export async function setProviderApiKey(
  providerId: string,
  key: string,
  agentDir?: string,
  options: { secretInputMode?: SecretInputMode; email?: string } = {},
): Promise<void> {
  const spec = requireApiKeyProvider(providerId);
  const envVar = providerKeyEnvVar(spec.id);
  const asRef = options.secretInputMode === "ref" || key.trim() === `\${${envVar}}`;
  if (!asRef && !isHeaderSafeSecret(key.trim())) {
    throw new OpenClawError(
      "API_KEY_INVALID",
      `Refusing to store the key for profile "${spec.profileId}": it contains a character that cannot be sent in an HTTP header (a newline, NUL, other control or non-ASCII character).`,
      { hint: "Paste the key again without extra characters." },
    );
  }
  const credential: ApiKeyCredential = asRef
    ? { type: "api_key", provider: spec.id, keyRef: { source: "env", provider: "default", id: envVar } }
    : { type: "api_key", provider: spec.id, key };
  // A signed-in account's email rides along (the release reads `email` on any credential).
  if (options.email) credential.email = options.email;
  await upsertAuthProfile({ profileId: spec.profileId, credential, agentDir: resolveAuthAgentDir(agentDir) });
}

export async function setAnthropicApiKey(key: string, agentDir?: string): Promise<void> {
  await setProviderApiKey(anthropic.id, key, agentDir);
}

export async function setOpenaiApiKey(key: string, agentDir?: string): Promise<void> {
  await setProviderApiKey(openai.id, key, agentDir);
}

export async function setOpenrouterApiKey(key: string, agentDir?: string): Promise<void> {
  // Upstream guards against a stringified missing value reaching the store.
  await setProviderApiKey(openrouter.id, key === "undefined" ? "" : key, agentDir);
}

export async function setKilocodeApiKey(key: string, agentDir?: string): Promise<void> {
  await setProviderApiKey(kilocode.id, key, agentDir);
}
