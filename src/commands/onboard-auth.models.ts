/** Model definitions onboarding writes for providers that need a `models.providers` block. */
import type { ModelDefinitionConfig } from "../config/types.js";
import { buildKilocodeDefaultModel } from "../providers/kilocode-shared.js";

export {
  KILOCODE_DEFAULT_CONTEXT_WINDOW,
  KILOCODE_DEFAULT_COST,
  KILOCODE_DEFAULT_MAX_TOKENS,
  KILOCODE_DEFAULT_MODEL_ID,
} from "../providers/kilocode-shared.js";

export function buildKilocodeModelDefinition(): ModelDefinitionConfig {
  return buildKilocodeDefaultModel();
}
