/**
 * `openclaw models status --probe`: checks every provider that has a key, live and in parallel, each
 * bounded by a short timeout. A provider with an account API (its spec says so) reports the account
 * (email, organisation, balance); the others answer `GET <baseUrl>models` with the key.
 */
import { resolveApiKeyForProvider } from "../../agents/model-auth.js";
import type { OpenClawConfig } from "../../config/types.js";
import type { EnvRecord } from "../../infra/env.js";
import { OpenClawError } from "../../infra/errors.js";
import { requestJson } from "../../infra/http-client.js";
import { findAccountSpec, type ProviderAccountSpec } from "../../providers/account-spec.js";
import { findApiKeyProvider } from "../../providers/api-key-providers.js";
import { providerRequestHeaders, resolveOrganizationId } from "../../providers/facets.js";
import { formatUsd, readAccountBalance, readAccountProfile } from "../account/account-api.js";

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

export type ProbeStatus = "ok" | "rejected" | "error";

export type ProviderProbe = {
  provider: string;
  status: ProbeStatus;
  latencyMs: number;
  /** Providers with an account API: who the key belongs to. */
  account?: { email: string | null; organization: { id: string; name: string | null } | null; balanceUsd: number | null; balance: string | null };
  /** Other providers: how many models `GET models` listed. */
  models?: number;
  error?: string;
  hint?: string;
};

export type ProbeTarget = { provider: string; baseUrl: string; api: string | null };

function fixHint(provider: string): string {
  const account = findAccountSpec(provider);
  const spec = findApiKeyProvider(provider);
  if (account && spec) return `Sign in again: openclaw onboard --auth-choice ${account.deviceAuth.authChoice} (or --auth-choice ${spec.authChoice} with a new key).`;
  if (spec) return `Store a new key: openclaw onboard --auth-choice ${spec.authChoice}.`;
  return `Fix the key for "${provider}" (auth-profiles.json or models.providers.${provider}.apiKey).`;
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`}${path}`;
}

/** The headers that carry a key for a wire API (Anthropic's own API uses x-api-key, the rest Bearer). */
function keyHeaders(api: string | null, key: string): Record<string, string> {
  return api === "anthropic-messages" ? { "x-api-key": key, "anthropic-version": "2023-06-01" } : { Authorization: `Bearer ${key}` };
}

async function probeAccount(spec: ProviderAccountSpec, target: ProbeTarget, key: string, params: ProbeParams): Promise<Omit<ProviderProbe, "provider" | "latencyMs">> {
  const configured = params.cfg.models?.providers?.[target.provider]?.organizationId;
  const orgId = resolveOrganizationId(target.provider, { env: params.env, ...(configured ? { configured } : {}) });
  const request = {
    spec,
    baseUrl: target.baseUrl,
    apiKey: key,
    env: params.env,
    timeoutMs: params.timeoutMs,
    headers: providerRequestHeaders(target.provider, { env: params.env, ...(orgId ? { organizationId: orgId } : {}) }),
  };
  const [profile, balance] = await Promise.all([readAccountProfile(request), readAccountBalance(request)]);
  const org = orgId ? { id: orgId, name: profile.organizations.find((entry) => entry.id === orgId)?.name ?? null } : null;
  const result: Omit<ProviderProbe, "provider" | "latencyMs"> = {
    status: "ok",
    account: { email: profile.email ?? null, organization: org, balanceUsd: balance ?? null, balance: balance === undefined ? null : formatUsd(balance) },
  };
  if (org && !profile.organizations.some((entry) => entry.id === orgId)) {
    result.hint = `Organisation ${orgId} is not one of this account's (${profile.organizations.map((entry) => entry.id).join(", ") || "none"}); requests scoped to it will be refused.`;
  }
  return result;
}

async function probeModels(target: ProbeTarget, key: string, params: ProbeParams): Promise<Omit<ProviderProbe, "provider" | "latencyMs">> {
  const url = joinUrl(target.baseUrl, "models");
  const reply = await requestJson(url, {
    env: params.env,
    timeoutMs: params.timeoutMs,
    headers: { Accept: "application/json", ...providerRequestHeaders(target.provider, { env: params.env }), ...keyHeaders(target.api, key) },
  });
  if (reply.status === 401 || reply.status === 403) {
    throw new OpenClawError("PROBE_REJECTED", `${findApiKeyProvider(target.provider)?.label ?? target.provider} rejected the key (${reply.status}).`);
  }
  if (reply.status < 200 || reply.status >= 300) throw new OpenClawError("PROBE_HTTP", `${url} answered HTTP ${reply.status}.`);
  const data = (reply.json as { data?: unknown } | undefined)?.data;
  return { status: "ok", ...(Array.isArray(data) ? { models: data.length } : {}) };
}

export type ProbeParams = {
  cfg: OpenClawConfig;
  env: EnvRecord;
  timeoutMs: number;
  agentDir?: string;
};

async function probeOne(target: ProbeTarget, params: ProbeParams): Promise<ProviderProbe> {
  const started = Date.now();
  const done = (result: Omit<ProviderProbe, "provider" | "latencyMs">): ProviderProbe => ({ provider: target.provider, latencyMs: Date.now() - started, ...result });
  try {
    const key = (await resolveApiKeyForProvider({ provider: target.provider, cfg: params.cfg, env: params.env, ...(params.agentDir ? { agentDir: params.agentDir } : {}) })).apiKey;
    if (!key) return done({ status: "error", error: "no key" });
    const account = findAccountSpec(target.provider);
    return done(account ? await probeAccount(account, target, key, params) : await probeModels(target, key, params));
  } catch (err) {
    const code = err instanceof OpenClawError ? err.code : "";
    const message = err instanceof Error ? err.message : String(err);
    if (code === "ACCOUNT_KEY_REJECTED" || code === "PROBE_REJECTED") return done({ status: "rejected", error: message, hint: fixHint(target.provider) });
    return done({ status: "error", error: message, ...(err instanceof OpenClawError && err.hint ? { hint: err.hint } : {}) });
  }
}

/** Probes every target at once; each has its own timeout, so the whole probe is bounded by the slowest. */
export async function probeProviders(targets: readonly ProbeTarget[], params: ProbeParams): Promise<ProviderProbe[]> {
  return Promise.all(targets.map((target) => probeOne(target, params)));
}

export function formatProbeLine(probe: ProviderProbe): string {
  const head = `  ${probe.provider.padEnd(11)} `;
  const took = `(${probe.latencyMs} ms)`;
  if (probe.status === "ok") {
    const account = probe.account;
    const parts = account
      ? [
          account.email ?? "(no email)",
          `organisation ${account.organization ? `${account.organization.name ?? account.organization.id} (${account.organization.id})` : "personal"}`,
          `balance ${account.balance ?? "unknown"}`,
        ]
      : [probe.models === undefined ? "key accepted" : `key accepted, ${probe.models} models`];
    return `${head}ok        ${parts.join(" · ")}  ${took}${probe.hint ? `\n${" ".repeat(22)}${probe.hint}` : ""}`;
  }
  const label = probe.status === "rejected" ? "rejected" : "error   ";
  return `${head}${label}  ${probe.error ?? ""}  ${took}${probe.hint ? `\n${" ".repeat(22)}Fix: ${probe.hint}` : ""}`;
}
