/** Kilo Gateway constants under upstream's names, read from the spec in `kilocode.ts`. */
import type { ModelCost, ModelDefinitionConfig } from "../config/types.js";
import { kilocode } from "./kilocode.js";
import { defaultModelRefFor } from "./spec.js";
import { toModelDefinition } from "./models.js";

const defaultModel = kilocode.models[0];

export const KILOCODE_PROVIDER_ID = kilocode.id;
export const KILOCODE_BASE_URL = kilocode.baseUrl;
export const KILOCODE_ENV_VAR = kilocode.envVars[0];
export const KILOCODE_DEFAULT_MODEL_ID = kilocode.defaultModelId;
export const KILOCODE_DEFAULT_MODEL_REF = defaultModelRefFor(kilocode);
export const KILOCODE_DEFAULT_MODEL_NAME = defaultModel.name;
export const KILOCODE_DEFAULT_CONTEXT_WINDOW = defaultModel.contextWindow;
export const KILOCODE_DEFAULT_MAX_TOKENS = defaultModel.maxTokens;
export const KILOCODE_DEFAULT_COST: ModelCost = { ...defaultModel.cost };

/** The default model's definition (a fresh object each call). */
export function buildKilocodeModelDefinition(): ModelDefinitionConfig {
  return toModelDefinition(defaultModel);
}
