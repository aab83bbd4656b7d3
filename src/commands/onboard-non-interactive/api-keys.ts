/** Non-interactive key lookup, flag > env > existing profile, with OpenClaw's exact error text. */
import { ensureAuthProfileStore, resolveAuthProfileOrder, resolveProfileSecret } from "../../agents/auth-profiles/index.js";
import { resolveEnvApiKey } from "../../agents/model-auth.js";
import type { OpenClawConfig } from "../../config/types.js";
import type { RuntimeEnv } from "../../runtime.js";
import { normalizeApiKeyInput } from "../auth-choice.api-key.js";
import type { EnvRecord } from "../../infra/env.js";

export type NonInteractiveApiKey = { key: string; source: "flag" | "env" | "profile"; envVar?: string; profileId?: string };

export async function resolveNonInteractiveApiKey(params: {
  provider: string;
  cfg: OpenClawConfig;
  flagValue?: string;
  flagName: string;
  envVar: string;
  envVarName?: string;
  runtime: RuntimeEnv;
  agentDir?: string;
  allowProfile?: boolean;
  required?: boolean;
  env?: EnvRecord;
}): Promise<NonInteractiveApiKey | null> {
  const env = params.env ?? process.env;
  const allowProfile = params.allowProfile ?? true;

  const fromFlag = params.flagValue === undefined ? "" : normalizeApiKeyInput(params.flagValue);
  if (fromFlag) return { key: fromFlag, source: "flag" };

  const fromEnv = resolveEnvApiKey(params.provider, env);
  if (fromEnv) return { key: fromEnv.apiKey, source: "env", envVar: fromEnv.source.replace(/^.*:\s*/, "") };
  const extraEnv = params.envVarName ? env[params.envVarName]?.trim() : undefined;
  if (extraEnv) return { key: extraEnv, source: "env", envVar: params.envVarName };

  if (allowProfile) {
    const store = ensureAuthProfileStore(params.agentDir, { env });
    for (const profileId of resolveAuthProfileOrder({ cfg: params.cfg, store, provider: params.provider, env })) {
      const credential = store.profiles[profileId];
      const key = credential?.type === "api_key" ? resolveProfileSecret(credential, env) : undefined;
      if (key) return { key, source: "profile", profileId };
    }
  }

  if (params.required === false) return null;
  const profilePart = allowProfile ? `, or existing ${params.provider} API-key profile` : "";
  params.runtime.error(`Missing ${params.flagName} (or ${params.envVar} in env${profilePart}).`);
  return params.runtime.exit(1);
}
