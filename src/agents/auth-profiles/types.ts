/** Shapes of `auth-profiles.json` (version 1), as a real OpenClaw install reads and writes them. */

export const AUTH_STORE_VERSION = 1;

/** A reference to a secret held elsewhere; this slice resolves `env` refs. */
export type SecretRef = { source: "env"; provider: string; id: string };

export type ApiKeyCredential = {
  type: "api_key";
  provider: string;
  key?: string;
  keyRef?: SecretRef;
  email?: string;
  metadata?: Record<string, string>;
  [extra: string]: unknown;
};

export type TokenCredential = {
  type: "token";
  provider: string;
  token: string;
  expires?: number;
  email?: string;
  [extra: string]: unknown;
};

export type OAuthCredential = {
  type: "oauth";
  provider: string;
  access?: string;
  refresh?: string;
  expires?: number;
  email?: string;
  [extra: string]: unknown;
};

export type AuthProfileCredential = ApiKeyCredential | TokenCredential | OAuthCredential;

export type ProfileUsageStats = {
  lastUsed?: number;
  cooldownUntil?: number;
  disabledUntil?: number;
  disabledReason?: string;
  errorCount?: number;
  failureCounts?: Record<string, number>;
  lastFailureAt?: number;
};

export type AuthProfileStore = {
  version: number;
  profiles: Record<string, AuthProfileCredential>;
  order?: Record<string, string[]>;
  lastGood?: Record<string, string>;
  usageStats?: Record<string, ProfileUsageStats>;
};
