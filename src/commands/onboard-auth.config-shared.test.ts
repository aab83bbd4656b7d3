import { describe, expect, it } from "vitest";
import type { ModelDefinitionConfig, OpenClawConfig } from "../config/types.js";
import { API_KEY_PROVIDERS } from "../providers/api-key-providers.js";
import { specModels } from "../providers/models.js";
import { applyProviderConfigFromSpec } from "./onboard-auth.config-shared.js";

// A provider whose block onboarding writes, with its built-in models.
const spec = API_KEY_PROVIDERS.find((entry) => entry.writesProviderBlock && specModels(entry).length >= 2)!;
const builtIn = specModels(spec);
const model = (id: string, name = id): ModelDefinitionConfig => ({ id, name });
const withModels = (models: ModelDefinitionConfig[]): OpenClawConfig => ({ models: { providers: { [spec.id]: { baseUrl: "https://x/", models } } } });
const modelsOf = (cfg: OpenClawConfig) => cfg.models!.providers![spec.id]!.models;

describe("applyProviderConfigFromSpec: the provider's model list", () => {
  it("keeps the user's models as they are and appends the missing built-in ones in the spec's order", () => {
    const mine = [model("x"), { ...builtIn[1]!, name: "my name" }];
    const cfg = withModels(mine);
    expect(modelsOf(applyProviderConfigFromSpec(spec, cfg))).toEqual([...mine, ...builtIn.filter((_, index) => index !== 1)]);
    expect(modelsOf(cfg)).toEqual(mine);
  });

  it("keeps the user's own list (not a copy) when every built-in model is in it, however long", () => {
    const mine = [...Array.from({ length: 10_000 }, (_, index) => model(`m${index}`)), ...[...builtIn].reverse()];
    expect(modelsOf(applyProviderConfigFromSpec(spec, withModels(mine)))).toBe(mine);
  });

  it("starts from the built-in models when there is no list", () => {
    expect(modelsOf(applyProviderConfigFromSpec(spec, {}))).toEqual(builtIn);
  });
});
