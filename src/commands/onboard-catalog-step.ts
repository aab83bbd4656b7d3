/**
 * The wizard's "Browse all <provider> models" entries: one per provider whose spec has a live catalog,
 * searchable, configured models kept. The effective provider (after the key step) is resolved here, by
 * the caller of the catalog, and handed to it.
 */
import { resolveEffectiveProviders } from "../agents/models-config.providers.js";
import type { OpenClawConfig } from "../config/types.js";
import type { EnvRecord } from "../infra/env.js";
import { findApiKeyProvider } from "../providers/api-key-providers.js";
import { catalogLabel, catalogProviderIds, describeCatalogResult, loadCatalogForTarget, resolveCatalogTarget } from "./models/catalog-source.js";
import type { ModelStepExtension } from "./onboard-model-step.js";

export function catalogModelStepExtensions(env: EnvRecord): (cfg: OpenClawConfig) => ModelStepExtension[] {
  return (cfg) =>
    catalogProviderIds().map((id) => ({
      provider: id,
      label: findApiKeyProvider(id)?.catalog?.browseLabel ?? `Browse all ${id} models`,
      progressLabel: `Loading ${findApiKeyProvider(id)?.catalog?.modelsLabel ?? `${id} models`}…`,
      load: async () => {
        const provider = resolveEffectiveProviders({ cfg, env })[id];
        if (!provider) return { refs: [], note: `${catalogLabel(id)} unavailable: the provider is not configured` };
        const target = await resolveCatalogTarget(provider, { cfg, env });
        const result = await loadCatalogForTarget({ target, env, configured: cfg.models?.providers?.[id]?.models ?? [] });
        return {
          // The name is part of the label (not a hint) so that every row shows it, filtered or not.
          refs: result.models.map((model) => ({ value: `${id}/${model.id}`, label: `${id}/${model.id} · ${model.name}` })),
          note: describeCatalogResult(id, result) ?? `${result.models.length} models in the ${catalogLabel(id)}`,
          failed: result.error !== undefined,
        };
      },
    }));
}
