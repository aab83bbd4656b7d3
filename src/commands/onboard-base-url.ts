/**
 * The base URL onboarding writes into `models.providers.<id>.baseUrl`: the effective default, i.e. the
 * spec's env override (e.g. KILOCODE_API_BASE_URL) when set, else the built-in one. The config wins over
 * the env var at run time, so writing the built-in URL while the variable is set would silently ignore
 * it. Re-onboarding over a different (custom) URL still resets it, as the design says, but never
 * silently: the non-interactive path prints one line, the wizard asks.
 */
import type { OpenClawConfig } from "../config/types.js";
import type { EnvRecord } from "../infra/env.js";
import type { ApiKeyProviderSpec } from "../providers/api-key-providers.js";
import { resolveSpecBaseUrl } from "../providers/facets.js";

export type BaseUrlChange = { configKey: string; previous: string; next: string };

const sameUrl = (a: string, b: string) => a.trim().replace(/\/+$/, "") === b.trim().replace(/\/+$/, "");

export function resolveOnboardBaseUrl(spec: ApiKeyProviderSpec, cfg: OpenClawConfig, env: EnvRecord): { baseUrl: string; change?: BaseUrlChange } {
  const baseUrl = resolveSpecBaseUrl(spec, env);
  const previous = cfg.models?.providers?.[spec.id]?.baseUrl;
  if (!spec.writesProviderBlock || typeof previous !== "string" || !previous.trim() || sameUrl(previous, baseUrl)) return { baseUrl };
  return { baseUrl, change: { configKey: `models.providers.${spec.id}.baseUrl`, previous, next: baseUrl } };
}

/** The one line the non-interactive path prints when it replaces a custom base URL. */
export function describeBaseUrlChange(spec: ApiKeyProviderSpec, change: BaseUrlChange): string {
  const keep = spec.baseUrlEnvVar ? ` To keep a custom URL, set ${spec.baseUrlEnvVar} when onboarding.` : "";
  return `Note: ${change.configKey} changed from ${change.previous} to ${change.next}.${keep}`;
}
