/**
 * Keyless use of a provider's anonymous tier (Kilo's `:free` models): when no key is found for the
 * provider and the model is one its spec serves without a key, the request goes out with no
 * Authorization header. The user is told once, with the limit and how to sign in; hitting the limit
 * (429) says that it is the anonymous limit rather than a generic rate limit.
 */
import type { OpenClawConfig } from "../config/types.js";
import type { EnvRecord } from "../infra/env.js";
import { OpenClawError } from "../infra/errors.js";
import { findAccountSpec } from "../providers/account-spec.js";
import { findApiKeyProvider } from "../providers/api-key-providers.js";
import { anonymousTierFor } from "../providers/facets.js";
import type { AuthProfileStore } from "./auth-profiles/index.js";
import { requireApiKey, resolveApiKeyForProvider } from "./model-auth.js";

export type AnonymousAccess = { label: string; limit: string; signIn: string };

export type RunAuth = {
  /** The key to send; a placeholder in anonymous mode (the transport insists on one; the header is removed). */
  apiKey: string;
  anonymous?: AnonymousAccess;
};

const PLACEHOLDER_KEY = "no-key";

/**
 * Request headers for anonymous mode. `null` tells the OpenAI client to drop the Authorization header it
 * would build from the placeholder key; the header type does not model that, hence the cast.
 */
export const ANONYMOUS_REQUEST_HEADERS = { Authorization: null } as unknown as Record<string, string>;

/** Browser sign-in when the provider has one, else its API-key onboarding; the env var either way. */
function signInAdvice(provider: string): string {
  const spec = findApiKeyProvider(provider);
  if (!spec) return `add an API key for "${provider}"`;
  const choice = findAccountSpec(provider)?.deviceAuth.authChoice ?? spec.authChoice;
  return `sign in with \`openclaw onboard --auth-choice ${choice}\` or set ${spec.envVar}`;
}

/** The key for a run, or anonymous access when there is none and the model is served without one. */
export async function resolveRunAuth(params: {
  provider: string;
  modelId: string;
  cfg: OpenClawConfig;
  env: EnvRecord;
  store: AuthProfileStore;
}): Promise<RunAuth> {
  try {
    return { apiKey: requireApiKey(await resolveApiKeyForProvider(params), params.provider) };
  } catch (err) {
    const tier = anonymousTierFor(params.provider, params.modelId);
    if (!(err instanceof OpenClawError) || err.code !== "NO_API_KEY" || !tier) throw err;
    const label = findApiKeyProvider(params.provider)?.label ?? params.provider;
    return { apiKey: PLACEHOLDER_KEY, anonymous: { label, limit: tier.limit, signIn: signInAdvice(params.provider) } };
  }
}

/** Told once per run: which tier is in use, its limit, and how to lift it. */
export function anonymousNotice(access: AnonymousAccess): string {
  return `${access.label}: no API key found, using the anonymous free tier (limit: ${access.limit}); ${access.signIn} to lift it.`;
}

/** A 429 in anonymous mode is the tier's limit; a 401 means the model needs a key after all. */
export function explainAnonymousFailure(error: OpenClawError, status: number | undefined, access: AnonymousAccess): OpenClawError {
  if (status === 429) {
    return new OpenClawError("ANONYMOUS_LIMIT", `${access.label}: the anonymous free tier's limit is reached (${access.limit}).`, {
      hint: `Wait a while, or ${access.signIn}.`,
      ...(error.cause !== undefined ? { cause: error.cause } : {}),
    });
  }
  if (status === 401) {
    return new OpenClawError("NO_API_KEY", `${access.label} wants an API key for this model (the anonymous tier was refused).`, {
      hint: `${access.signIn.charAt(0).toUpperCase()}${access.signIn.slice(1)}.`,
      ...(error.cause !== undefined ? { cause: error.cause } : {}),
    });
  }
  return error;
}
