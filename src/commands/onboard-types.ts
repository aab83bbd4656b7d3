/** Types of the onboarding flow (type-only module, as in OpenClaw). */

export type AuthChoice =
  | "apiKey"
  | "token"
  | "openai-api-key"
  | "openrouter-api-key"
  | "kilocode-api-key"
  | "skip";

export type AuthChoiceGroupId = "anthropic" | "openai" | "openrouter" | "kilocode";

export type OnboardMode = "local" | "remote";
export type OnboardFlow = "quickstart" | "advanced" | "manual";
export type GatewayBind = "loopback" | "lan" | "auto" | "custom" | "tailnet";
/** How a key given on the command line is stored: in the clear, or as a `${ENV}` reference. */
export type SecretInputMode = "plaintext" | "ref";

export type OnboardOptions = {
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
  anthropicApiKey?: string;
  openaiApiKey?: string;
  openrouterApiKey?: string;
  kilocodeApiKey?: string;
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

/** The OnboardOptions keys that hold a provider API key given by flag. */
export type ProviderApiKeyOptionKey = "anthropicApiKey" | "openaiApiKey" | "openrouterApiKey" | "kilocodeApiKey";
