/**
 * Checks a model ref typed on the command line (`models set`, `models fallbacks add`) against the
 * providers the runtime knows. An unknown provider is refused; a ref a gateway would understand (it lists
 * vendor/model ids, e.g. `anthropic/claude-opus-4.6`) gets the gateway-prefixed form suggested.
 */
import { resolveEffectiveProviders } from "../../agents/models-config.providers.js";
import { gatewayRefSuggestion, vendorRoutingProviders } from "../../agents/model-ref-suggest.js";
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

export function checkModelRef(params: { raw: string; cfg: OpenClawConfig; env?: EnvRecord }): CheckedModelRef {
  const raw = params.raw.trim();
  const providers = resolveEffectiveProviders({ cfg: params.cfg, ...(params.env ? { env: params.env } : {}) });
  const ref = raw ? resolveModelRefFromString({ raw, cfg: params.cfg }) : null;
  if (!ref) {
    throw new OpenClawError("MODEL_REF", `Invalid model "${raw}": expected provider/model.`, {
      hint: "Run `openclaw models list` for the refs you can use.",
    });
  }
  const key = modelKey(ref.provider, ref.model);
  const provider = providers[ref.provider];
  if (!provider) {
    const suggestion = gatewayRefSuggestion(raw, providers, { anyGateway: true });
    throw new OpenClawError("UNKNOWN_PROVIDER", `Unknown provider "${ref.provider}" in model "${raw}".`, {
      hint: `${suggestion ? `Did you mean ${suggestion}? ` : ""}Known providers: ${Object.keys(providers).join(", ")}.`,
    });
  }
  if (provider.models.some((model) => model.id === ref.model)) return { ref, key };
  // Gateways route far more models than they list; their ids are passed through unchecked.
  if (vendorRoutingProviders(providers).some((gateway) => gateway.id === provider.id)) return { ref, key };
  const suggestion = gatewayRefSuggestion(raw, providers, { anyGateway: false });
  if (suggestion) {
    return { ref, key, note: `${provider.id} does not list "${ref.model}". If you meant the gateway model, use ${suggestion}.` };
  }
  return { ref, key, note: `${provider.id} does not list "${ref.model}"; it will be sent as is (check \`openclaw models list --provider ${provider.id}\`).` };
}
