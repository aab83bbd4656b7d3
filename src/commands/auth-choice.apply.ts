/** Runs the auth-choice handlers in order; the first that recognises the choice wins. */
import { applyAuthChoiceDevice } from "./auth-choice.apply.device.js";
import { promptExistingKeyDecision } from "./auth-choice.existing-key.js";
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
  // A stored key for the chosen provider: keep it, replace it, or sign in again (the wizard asks).
  const decision = await promptExistingKeyDecision({
    authChoice: params.authChoice,
    config: params.config,
    prompter: params.prompter,
    env: params.env ?? process.env,
    ...(params.agentDir ? { agentDir: params.agentDir } : {}),
    ...(params.opts ? { opts: params.opts } : {}),
  });
  const effective: ApplyAuthChoiceParams =
    decision.kind === "sign-in" ? { ...params, authChoice: decision.authChoice } : decision.kind === "replace" ? { ...params, replaceExistingKey: true } : params;
  for (const handler of AUTH_CHOICE_HANDLERS) {
    const result = await handler(effective);
    if (result) return result;
  }
  return { config: params.config };
}
