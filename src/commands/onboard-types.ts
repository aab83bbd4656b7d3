/**
 * Types of the onboarding flow (type-only module, as in OpenClaw). The provider-specific names (auth
 * choices, group ids, `--<provider>-api-key` option keys) are derived from the provider table.
 */
import type { ApiKeyAuthChoice, ProviderApiKeyOptionKey, ProviderGroupId } from "../providers/api-key-providers.js";

export type { ProviderApiKeyOptionKey } from "../providers/api-key-providers.js";

/** One per provider in the table, plus a pasted token for `--token-provider`, and skipping auth. */
export type AuthChoice = ApiKeyAuthChoice | "token" | "skip";

export type AuthChoiceGroupId = ProviderGroupId;

export type OnboardMode = "local" | "remote";
export type OnboardFlow = "quickstart" | "advanced" | "manual";
export type GatewayBind = "loopback" | "lan" | "auto" | "custom" | "tailnet";
/** How a key given on the command line is stored: in the clear, or as a `${ENV}` reference. */
export type SecretInputMode = "plaintext" | "ref";

/** `--<provider>-api-key` values, one optional key per provider in the table. */
export type ProviderApiKeyOptions = { [K in ProviderApiKeyOptionKey]?: string };

export type OnboardOptions = ProviderApiKeyOptions & {
  mode?: OnboardMode;
  flow?: OnboardFlow;
  workspace?: string;
  nonInteractive?: boolean;
  acceptRisk?: boolean;
  reset?: boolean;
  authChoice?: AuthChoice;
  tokenProvider?: string;
  token?: string;
  tokenProfileId?: string;
  tokenExpiresIn?: string;
  secretInputMode?: SecretInputMode;
  gatewayPort?: number;
  gatewayBind?: GatewayBind;
  skipChannels?: boolean;
  skipSkills?: boolean;
  skipHealth?: boolean;
  skipDaemon?: boolean;
  skipUi?: boolean;
  installDaemon?: boolean;
  json?: boolean;
};
