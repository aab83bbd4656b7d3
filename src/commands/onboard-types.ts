/**
 * Types of the onboarding flow, and the value lists its flags accept (one list feeds the type and the
 * check). The provider-specific names (auth choices, group ids, `--<provider>-api-key` option keys) are
 * derived from the provider table.
 */
import type { DeviceAuthChoice } from "../providers/account-spec.js";
import type { ApiKeyAuthChoice, ProviderApiKeyOptionKey, ProviderGroupId } from "../providers/api-key-providers.js";

export type { ProviderApiKeyOptionKey } from "../providers/api-key-providers.js";

/** One per provider in the table, plus a pasted token for `--token-provider`, and skipping auth. */
export type AuthChoice = ApiKeyAuthChoice | DeviceAuthChoice | "token" | "skip";

export type AuthChoiceGroupId = ProviderGroupId;

export const ONBOARD_MODES = ["local", "remote"] as const;
export type OnboardMode = (typeof ONBOARD_MODES)[number];
export const ONBOARD_FLOWS = ["quickstart", "advanced", "manual"] as const;
export type OnboardFlow = (typeof ONBOARD_FLOWS)[number];
export const GATEWAY_BINDS = ["loopback", "lan", "auto", "custom", "tailnet"] as const;
export type GatewayBind = (typeof GATEWAY_BINDS)[number];
export const GATEWAY_AUTH_MODES = ["token", "password"] as const;
export type GatewayAuthChoice = (typeof GATEWAY_AUTH_MODES)[number];
export const TAILSCALE_MODES = ["off", "serve", "funnel"] as const;
export type TailscaleMode = (typeof TAILSCALE_MODES)[number];
export const DAEMON_RUNTIMES = ["node", "bun"] as const;
export type DaemonRuntime = (typeof DAEMON_RUNTIMES)[number];
export const NODE_MANAGERS = ["npm", "pnpm", "bun"] as const;
export type NodeManager = (typeof NODE_MANAGERS)[number];
/** What `--reset` moves aside: `full` adds the workspace to `config+creds+sessions`. */
export const RESET_SCOPES = ["config", "config+creds+sessions", "full"] as const;
export type ResetScope = (typeof RESET_SCOPES)[number];
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
  resetScope?: ResetScope;
  authChoice?: AuthChoice;
  tokenProvider?: string;
  token?: string;
  tokenProfileId?: string;
  tokenExpiresIn?: string;
  secretInputMode?: SecretInputMode;
  /** `--no-browser`: browser sign-in prints the URL and code without opening a browser. */
  noBrowser?: boolean;
  /** `--<provider>-org <id|personal>` for a provider with organisations (see ProviderAccountSpec). */
  organization?: { provider: string; id: string };
  gatewayPort?: number;
  gatewayBind?: GatewayBind;
  gatewayAuth?: GatewayAuthChoice;
  gatewayToken?: string;
  gatewayPassword?: string;
  /** Store gateway.auth.token as a reference to this env var instead of a value. */
  gatewayTokenRefEnv?: string;
  tailscale?: TailscaleMode;
  tailscaleResetOnExit?: boolean;
  remoteUrl?: string;
  remoteToken?: string;
  skipChannels?: boolean;
  skipSkills?: boolean;
  skipHealth?: boolean;
  skipDaemon?: boolean;
  skipUi?: boolean;
  skipSearch?: boolean;
  installDaemon?: boolean;
  daemonRuntime?: DaemonRuntime;
  nodeManager?: NodeManager;
  json?: boolean;
};
