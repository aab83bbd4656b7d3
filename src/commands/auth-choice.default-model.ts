/** After a key is stored: make the provider's model the default, or only register it for one agent. */
import type { OpenClawConfig } from "../config/types.js";
import type { WizardPrompter } from "../wizard/prompts.js";
import { ensureModelAllowlistEntry } from "./onboard-auth.config-shared.js";

export async function applyDefaultModelChoice(params: {
  config: OpenClawConfig;
  setDefaultModel: boolean;
  defaultModel: string;
  applyDefaultConfig: (cfg: OpenClawConfig) => OpenClawConfig;
  applyProviderConfig: (cfg: OpenClawConfig) => OpenClawConfig;
  noteDefault?: string;
  noteAgentModel?: (ref: string) => Promise<void>;
  prompter: WizardPrompter;
}): Promise<{ config: OpenClawConfig; agentModelOverride?: string }> {
  if (params.setDefaultModel) {
    const config = params.applyDefaultConfig(params.config);
    if (params.noteDefault) await params.prompter.note(`Default model set to ${params.noteDefault}`, "Model configured");
    return { config };
  }
  const config = ensureModelAllowlistEntry({ cfg: params.applyProviderConfig(params.config), modelRef: params.defaultModel });
  await params.noteAgentModel?.(params.defaultModel);
  return { config, agentModelOverride: params.defaultModel };
}
