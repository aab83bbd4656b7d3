/**
 * Checks a model ref typed on the command line (`models set`, `models fallbacks add`) against the
 * providers the runtime knows. An unknown provider is refused; a ref a gateway would understand (it lists
 * vendor/model ids, e.g. `anthropic/claude-opus-4.6`) gets the gateway-prefixed form suggested.
 */
import { resolveEffectiveProviders, type EffectiveProvider } from "../../agents/models-config.providers.js";
import { modelKey, resolveModelRefFromString, type ModelRef } from "../../agents/model-selection.js";
import type { OpenClawConfig } from "../../config/types.js";
import type { EnvRecord } from "../../infra/env.js";
import { OpenClawError } from "../../infra/errors.js";

export type CheckedModelRef = {
  ref: ModelRef;
  /** The canonical `provider/model` written to the config. */
  key: string;
  /** Advice worth showing even though the ref is accepted (e.g. "did you mean <gateway>/<ref>?"). */
  note?: string;
};

/**
 * Providers that route `vendor/model` ids to many upstream vendors (gateways). Recognised from data:
 * their model ids themselves carry a vendor prefix.
 */
export function vendorRoutingProviders(providers: Record<string, EffectiveProvider>): EffectiveProvider[] {
  return Object.values(providers).filter((provider) => provider.models.some((model) => model.id.includes("/")));
}

/** `<gateway>/<raw>` from a gateway listing that exact id, else (when `anyGateway`) from the first gateway. */
function suggestionFor(raw: string, providers: Record<string, EffectiveProvider>, anyGateway: boolean): string | undefined {
  const gateways = vendorRoutingProviders(providers);
  const listing = gateways.find((gateway) => gateway.models.some((model) => model.id === raw));
  const gateway = listing ?? (anyGateway && raw.includes("/") ? gateways[0] : undefined);
  return gateway ? modelKey(gateway.id, raw) : undefined;
}

export function checkModelRef(params: { raw: string; cfg: OpenClawConfig; env?: EnvRecord; flag?: string }): CheckedModelRef {
  const raw = params.raw.trim();
  const what = params.flag ?? "model";
  const providers = resolveEffectiveProviders({ cfg: params.cfg, ...(params.env ? { env: params.env } : {}) });
  const ref = raw ? resolveModelRefFromString({ raw, cfg: params.cfg }) : null;
  if (!ref) {
    throw new OpenClawError("MODEL_REF", `Invalid ${what} "${raw}": expected provider/model.`, {
      hint: "Run `openclaw models list` for the refs you can use.",
    });
  }
  const key = modelKey(ref.provider, ref.model);
  const provider = providers[ref.provider];
  if (!provider) {
    const suggestion = suggestionFor(raw, providers, true);
    throw new OpenClawError("UNKNOWN_PROVIDER", `Unknown provider "${ref.provider}" in ${what} "${raw}".`, {
      hint: `${suggestion ? `Did you mean ${suggestion}? ` : ""}Known providers: ${Object.keys(providers).join(", ")}.`,
    });
  }
  if (provider.models.some((model) => model.id === ref.model)) return { ref, key };
  // Gateways route far more models than they list; their ids are passed through unchecked.
  if (vendorRoutingProviders(providers).some((gateway) => gateway.id === provider.id)) return { ref, key };
  const suggestion = suggestionFor(raw, providers, false);
  if (suggestion) {
    return { ref, key, note: `${provider.id} does not list "${ref.model}". If you meant the gateway model, use ${suggestion}.` };
  }
  return { ref, key, note: `${provider.id} does not list "${ref.model}"; it will be sent as is (check \`openclaw models list --provider ${provider.id}\`).` };
}
