/**
 * The wizard, when the chosen provider already has a stored key: keep it, replace it, or (where the
 * provider has a browser sign-in) sign in again. Without this, a key the gateway rejected could never be
 * replaced from the wizard: the design's "reuse the existing profile" step kept it every time.
 */
import type { OpenClawConfig } from "../config/types.js";
import type { EnvRecord } from "../infra/env.js";
import { findAccountSpec } from "../providers/account-spec.js";
import { findApiKeyProviderByAuthChoice } from "../providers/api-key-providers.js";
import type { WizardPrompter } from "../wizard/prompts.js";
import { formatApiKeyPreview } from "./auth-choice.api-key.js";
import { findUsableProfile, keyChainOptionsFor, type OnboardKeyFlags } from "./onboard-key-chain.js";
import type { AuthChoice } from "./onboard-types.js";

export type ExistingKeyDecision = { kind: "keep" } | { kind: "replace" } | { kind: "sign-in"; authChoice: AuthChoice };

export async function promptExistingKeyDecision(params: {
  authChoice: AuthChoice;
  config: OpenClawConfig;
  prompter: WizardPrompter;
  agentDir?: string;
  env: EnvRecord;
  opts?: OnboardKeyFlags;
}): Promise<ExistingKeyDecision> {
  const spec = findApiKeyProviderByAuthChoice(params.authChoice);
  // A key flag or --token already says which key to use: nothing to ask.
  const options = spec ? keyChainOptionsFor(spec, params.opts ?? {}) : undefined;
  if (!spec || options?.flagValue?.trim() || (options?.token?.trim() && options.tokenProvider)) return { kind: "keep" };
  const existing = findUsableProfile(spec, params.config, params.agentDir, params.env);
  if (!existing || existing.source !== "profile") return { kind: "keep" };

  const signIn = findAccountSpec(spec.id)?.deviceAuth;
  const picked = await params.prompter.select<"keep" | "replace" | "sign-in">({
    message: `${spec.label} already has a key (${existing.profileId}, ${formatApiKeyPreview(existing.key)})`,
    options: [
      { value: "keep", label: "Keep it" },
      { value: "replace", label: "Replace the key", hint: "e.g. after the gateway rejected it" },
      ...(signIn ? [{ value: "sign-in" as const, label: "Sign in again with the browser" }] : []),
    ],
    initialValue: "keep",
  });
  if (picked === "sign-in" && signIn) return { kind: "sign-in", authChoice: signIn.authChoice };
  return picked === "replace" ? { kind: "replace" } : { kind: "keep" };
}
