/** The wizard's "Browse all Kilo models" entry: the live catalog, searchable, configured models kept. */
import type { OpenClawConfig } from "../config/types.js";
import { KILOCODE_PROVIDER_ID } from "../providers/kilocode-shared.js";
import { describeCatalogResult, fetchKilocodeCatalogForConfig } from "./models/catalog-source.js";
import type { ModelStepExtension } from "./onboard-model-step.js";
import type { EnvRecord } from "../infra/env.js";

export function kilocodeCatalogExtensions(env: EnvRecord): (cfg: OpenClawConfig) => ModelStepExtension[] {
  return (cfg) => [
    {
      provider: KILOCODE_PROVIDER_ID,
      label: "Browse all Kilo models",
      load: async () => {
        const result = await fetchKilocodeCatalogForConfig({ cfg, env, configured: cfg.models?.providers?.kilocode?.models ?? [] });
        return {
          refs: result.models.map((model) => ({ value: `${KILOCODE_PROVIDER_ID}/${model.id}`, label: `${KILOCODE_PROVIDER_ID}/${model.id}`, hint: model.name })),
          note: describeCatalogResult(result) ?? `${result.models.length} Kilo models`,
        };
      },
    },
  ];
}
