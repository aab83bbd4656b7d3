/** Turning a spec's read-only model declarations into fresh, mutable config objects. */
import type { ModelDefinitionConfig } from "../config/types.js";
import type { ProviderModelSpec, ProviderSpec } from "./spec.js";

export function toModelDefinition(model: ProviderModelSpec): ModelDefinitionConfig {
  return {
    id: model.id,
    name: model.name,
    ...(model.reasoning !== undefined ? { reasoning: model.reasoning } : {}),
    ...(model.input ? { input: [...model.input] } : {}),
    ...(model.cost ? { cost: { ...model.cost } } : {}),
    ...(model.contextWindow !== undefined ? { contextWindow: model.contextWindow } : {}),
    ...(model.maxTokens !== undefined ? { maxTokens: model.maxTokens } : {}),
    ...(model.compat ? { compat: { ...model.compat } } : {}),
  };
}

/** The spec's built-in models, as new objects each call (callers may edit them). */
export function specModels(spec: Pick<ProviderSpec, "models">): ModelDefinitionConfig[] {
  return spec.models.map(toModelDefinition);
}
