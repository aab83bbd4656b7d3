/**
 * Which model one agent turn uses: `--model` (a ref, an alias or a bare provider id) or the configured
 * default. Where a first-time user's guess would fail on a provider they have no key for, the answer
 * points at the provider they do have a key for.
 */
import type { OpenClawConfig } from "../config/types.js";
import type { EnvRecord } from "../infra/env.js";
import { OpenClawError } from "../infra/errors.js";
import { API_KEY_PROVIDERS, findApiKeyProvider, normalizeProviderId } from "../providers/api-key-providers.js";
import type { AuthProfileStore } from "./auth-profiles/index.js";
import { resolveApiKeyForProvider } from "./model-auth.js";
import { gatewayRefSuggestion } from "./model-ref-suggest.js";
import { configuredPrimaryRef, parseModelRef, resolveConfiguredModelRef, resolveModelRefFromString, type ModelRef } from "./model-selection.js";
import { resolveEffectiveProviders, type EffectiveProvider } from "./models-config.providers.js";

type PickContext = { cfg: OpenClawConfig; env: EnvRecord; store: AuthProfileStore };

async function hasKey(provider: string, ctx: PickContext): Promise<boolean> {
  try {
    const auth = await resolveApiKeyForProvider({ provider, cfg: ctx.cfg, env: ctx.env, store: ctx.store });
    return Boolean(auth.apiKey);
  } catch {
    return false;
  }
}

/** A provider's own default model: its spec's, else the first model its config block lists. */
function providerDefaultRef(provider: EffectiveProvider): ModelRef | undefined {
  const spec = findApiKeyProvider(provider.id);
  const model = spec?.defaultModelId ?? provider.models[0]?.id;
  return model ? { provider: provider.id, model } : undefined;
}

/** Is `raw` an alias configured in `agents.defaults.models`? Aliases win over provider ids. */
function isAlias(raw: string, cfg: OpenClawConfig): boolean {
  const lower = raw.toLowerCase();
  return Object.values(cfg.agents?.defaults?.models ?? {}).some((entry) => entry.alias?.trim().toLowerCase() === lower);
}

export async function resolveRunModelRef(params: PickContext & { raw?: string }): Promise<ModelRef> {
  const { cfg, raw } = params;
  if (raw === undefined) {
    if (configuredPrimaryRef(cfg)) return resolveConfiguredModelRef(cfg);
    // No default model configured: the first provider, in table order, that has a key.
    for (const spec of API_KEY_PROVIDERS) {
      if (await hasKey(spec.id, params)) return { provider: spec.id, model: spec.defaultModelId };
    }
    return resolveConfiguredModelRef(cfg);
  }

  const trimmed = raw.trim();
  const providers = resolveEffectiveProviders({ cfg, env: params.env, store: params.store });
  // `--model kilocode` means that provider's default model, not a model of that name.
  const bareProvider = !trimmed.includes("/") && !isAlias(trimmed, cfg) ? providers[normalizeProviderId(trimmed)] : undefined;
  if (bareProvider) {
    const ref = providerDefaultRef(bareProvider);
    if (ref) return ref;
  }
  const ref = trimmed ? resolveModelRefFromString({ raw: trimmed, cfg }) : null;
  if (!ref) {
    throw new OpenClawError("MODEL_REF", `Invalid --model "${raw}": expected provider/model.`, {
      hint: "Use a ref such as kilocode/anthropic/claude-opus-4.6, an alias, or a provider id; `openclaw models list` shows them.",
    });
  }
  // `anthropic/claude-sonnet-4.5` with only a gateway key: the gateway serves that model under its own prefix.
  if (providers[ref.provider] && trimmed.includes("/") && !(await hasKey(ref.provider, params))) {
    const withKey = new Set<string>();
    for (const id of Object.keys(providers)) if (id !== ref.provider && (await hasKey(id, params))) withKey.add(id);
    const suggestion = gatewayRefSuggestion(trimmed, providers, { anyGateway: true, eligible: (gateway) => withKey.has(gateway.id) });
    const gateway = suggestion ? parseModelRef(suggestion) : null;
    if (suggestion && gateway) {
      const label = findApiKeyProvider(gateway.provider)?.label ?? gateway.provider;
      throw new OpenClawError("NO_API_KEY", `No API key found for provider "${ref.provider}".`, {
        hint: `Your ${label} key can serve this model: use --model ${suggestion}`,
      });
    }
  }
  return ref;
}
