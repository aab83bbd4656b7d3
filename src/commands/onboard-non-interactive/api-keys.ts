/**
 * Non-interactive key lookup: the shared chain (`onboard-key-chain.ts`) without a prompter, so flag >
 * `--token` > env > existing usable profile, and OpenClaw's exact "Missing --<provider>-api-key (...)" text
 * as an `OpenClawError` when nothing answers.
 */
import type { OpenClawConfig } from "../../config/types.js";
import type { EnvRecord } from "../../infra/env.js";
import type { ApiKeyProviderSpec } from "../../providers/api-key-providers.js";
import { resolveOnboardingKey, type KeyChainOptions, type ResolvedOnboardingKey } from "../onboard-key-chain.js";

export async function resolveNonInteractiveApiKey(params: {
  spec: ApiKeyProviderSpec;
  cfg: OpenClawConfig;
  options: KeyChainOptions;
  agentDir?: string;
  env?: EnvRecord;
}): Promise<ResolvedOnboardingKey> {
  return resolveOnboardingKey({
    spec: params.spec,
    cfg: params.cfg,
    options: params.options,
    ...(params.agentDir ? { agentDir: params.agentDir } : {}),
    env: params.env ?? process.env,
  });
}
