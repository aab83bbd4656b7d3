/**
 * Per-provider auth facts for `models status` and `models list`: which key would be used (previews only),
 * and the provider's auth profiles by kind, in OpenClaw's `auth.providers[]` shape.
 */
import { ensureAuthProfileStore, resolveProfileSecret, type AuthProfileStore } from "../../agents/auth-profiles/index.js";
import { resolveApiKeyForProvider } from "../../agents/model-auth.js";
import type { OpenClawConfig } from "../../config/types.js";
import type { EnvRecord } from "../../infra/env.js";
import { OpenClawError } from "../../infra/errors.js";
import { normalizeProviderId } from "../../providers/api-key-providers.js";
import { formatApiKeyPreview } from "../auth-choice.api-key.js";

export type ProviderKeyResolution = { usable: boolean; keySource: string | null; keyPreview: string | null; hint?: string };

/** A profile stored as a reference (`--secret-input-mode ref`) whose variable is unset: name the variable to set. */
function unsetKeyRefHint(provider: string, store: AuthProfileStore, env: EnvRecord): string | undefined {
  for (const [id, credential] of Object.entries(store.profiles)) {
    if (normalizeProviderId(credential.provider) !== normalizeProviderId(provider) || credential.type !== "api_key") continue;
    const ref = credential.keyRef;
    if (ref?.source === "env" && !env[ref.id]?.trim()) return `Profile ${id} refers to ${ref.id}, which is not set: export ${ref.id}=<key>.`;
  }
  return undefined;
}

/** The key a run would use for this provider, as a source and a preview; a missing key is not an error. */
export async function resolveProviderKey(provider: string, cfg: OpenClawConfig, env: EnvRecord, store: AuthProfileStore): Promise<ProviderKeyResolution> {
  try {
    const auth = await resolveApiKeyForProvider({ provider, cfg, env, store });
    return { usable: Boolean(auth.apiKey), keySource: auth.source, keyPreview: auth.apiKey ? formatApiKeyPreview(auth.apiKey) : null };
  } catch (err) {
    if (err instanceof OpenClawError && err.code === "NO_API_KEY") {
      const hint = unsetKeyRefHint(provider, store, env) ?? err.hint;
      return { usable: false, keySource: null, keyPreview: null, ...(hint ? { hint } : {}) };
    }
    throw err;
  }
}

/** A profile without a usable secret; a keyRef names the variable to set (the store holds only the reference). */
function missingSecretLabel(credential: AuthProfileStore["profiles"][string]): string {
  const ref = credential.type === "api_key" ? credential.keyRef : undefined;
  return ref?.source === "env" ? `missing: set ${ref.id}` : "missing";
}

export type ProviderProfilesSummary = { count: number; apiKey: number; token: number; oauth: number; labels: string[] };

/** The provider's profiles in the store, counted by kind, labelled `<id>=<preview>` (never the key). */
export function summarizeProviderProfiles(provider: string, store: AuthProfileStore, env: EnvRecord): ProviderProfilesSummary {
  const summary: ProviderProfilesSummary = { count: 0, apiKey: 0, token: 0, oauth: 0, labels: [] };
  for (const [id, credential] of Object.entries(store.profiles)) {
    if (normalizeProviderId(credential.provider) !== provider) continue;
    summary.count++;
    if (credential.type === "api_key") summary.apiKey++;
    else if (credential.type === "token") summary.token++;
    else summary.oauth++;
    const secret = credential.type === "oauth" ? undefined : resolveProfileSecret(credential, env);
    const shown =
      credential.type === "oauth"
        ? `oauth${credential.email ? ` (${credential.email})` : ""}`
        : secret
          ? formatApiKeyPreview(secret)
          : missingSecretLabel(credential);
    summary.labels.push(`${id}=${shown}`);
  }
  return summary;
}

export type EffectiveAuthKind = "profiles" | "env" | "models.json" | "missing";

/** Which link of the key chain answers, with OpenClaw's kind names. */
export function effectiveAuth(provider: string, key: ProviderKeyResolution, storePath: string): { kind: EffectiveAuthKind; detail: string } {
  if (!key.usable || !key.keySource) return { kind: "missing", detail: key.hint ?? "no key" };
  if (key.keySource.startsWith("profile:")) return { kind: "profiles", detail: `${storePath} (${key.keySource.slice("profile:".length)})` };
  if (key.keySource === "models.json") return { kind: "models.json", detail: `models.providers.${provider}.apiKey` };
  return { kind: "env", detail: key.keySource };
}

/** `available` for `models list`: one store read, one answer per provider. */
export function createProviderAvailability(cfg: OpenClawConfig, env: EnvRecord): (provider: string) => Promise<boolean> {
  let store: AuthProfileStore | undefined;
  const cache = new Map<string, Promise<boolean>>();
  return (provider) => {
    let answer = cache.get(provider);
    if (!answer) {
      store ??= ensureAuthProfileStore(undefined, { env });
      answer = resolveProviderKey(provider, cfg, env, store).then((key) => key.usable);
      cache.set(provider, answer);
    }
    return answer;
  };
}
