/**
 * Suggestions for a model ref that names the wrong provider. Gateways (Kilo, OpenRouter) list
 * `vendor/model` ids, so `anthropic/claude-sonnet-4.5` or `minimax/minimax-m2.5:free` typed without the
 * gateway prefix most often means `<gateway>/<what was typed>`.
 */
import type { EffectiveProvider } from "./models-config.providers.js";
import { modelKey } from "./model-selection.js";

/** Providers that route `vendor/model` ids to many vendors; recognised from data: their ids carry a vendor prefix. */
export function vendorRoutingProviders(providers: Record<string, EffectiveProvider>): EffectiveProvider[] {
  return Object.values(providers).filter((provider) => provider.models.some((model) => model.id.includes("/")));
}

/**
 * `<gateway>/<raw>`: from a gateway listing that exact id, else (with `anyGateway` and a `vendor/model`
 * shaped raw) from the first gateway that `eligible` accepts.
 */
export function gatewayRefSuggestion(
  raw: string,
  providers: Record<string, EffectiveProvider>,
  options: { anyGateway: boolean; eligible?: (provider: EffectiveProvider) => boolean },
): string | undefined {
  const gateways = vendorRoutingProviders(providers).filter((gateway) => options.eligible?.(gateway) ?? true);
  const listing = gateways.find((gateway) => gateway.models.some((model) => model.id === raw));
  const gateway = listing ?? (options.anyGateway && raw.includes("/") ? gateways[0] : undefined);
  return gateway ? modelKey(gateway.id, raw) : undefined;
}
