/** Runs the auth-choice handlers in order; the first that recognises the choice wins. */
import { applyAuthChoiceDevice } from "./auth-choice.apply.device.js";
import { applyAuthChoiceApiProviders, type ApplyAuthChoiceParams, type ApplyAuthChoiceResult } from "./auth-choice.apply.api-providers.js";

type AuthChoiceHandler = (params: ApplyAuthChoiceParams) => Promise<ApplyAuthChoiceResult | null>;

const skipHandler: AuthChoiceHandler = async (params) => (params.authChoice === "skip" ? { config: params.config } : null);

/** This slice has API-key providers only; OpenClaw's OAuth/CLI handlers would slot in here. */
const AUTH_CHOICE_HANDLERS: readonly AuthChoiceHandler[] = [
  skipHandler,
  (params) => applyAuthChoiceDevice({ ...params, noBrowser: params.opts?.noBrowser ?? false }),
  applyAuthChoiceApiProviders,
];

export async function applyAuthChoice(params: ApplyAuthChoiceParams): Promise<ApplyAuthChoiceResult> {
  for (const handler of AUTH_CHOICE_HANDLERS) {
    const result = await handler(params);
    if (result) return result;
  }
  return { config: params.config };
}
