/** `openclaw models status`: the default model, whether it can run, and where each provider's key comes from. */
import { ensureAuthProfileStore, type AuthProfileStore } from "../../agents/auth-profiles/index.js";
import { resolveEffectiveProviders } from "../../agents/models-config.providers.js";
import { modelKey, parseModelRef, resolveConfiguredModelRef } from "../../agents/model-selection.js";
import { shellEnvEnabled } from "../../config/io.js";
import { resolveAuthStorePath, resolveOpenClawAgentDir } from "../../config/paths.js";
import type { OpenClawConfig } from "../../config/types.js";
import type { EnvRecord } from "../../infra/env.js";
import { getShellEnvAppliedKeys } from "../../infra/shell-env.js";
import { anonymousTierFor, anonymousTierOf } from "../../providers/facets.js";
import type { RuntimeEnv } from "../../runtime.js";
import { effectiveAuth, resolveProviderKey, summarizeProviderProfiles, type EffectiveAuthKind, type ProviderProfilesSummary } from "./auth-overview.js";
import { readAgentModelView, toModelKey } from "./shared.js";
import { DEFAULT_PROBE_TIMEOUT_MS, formatProbeLine, probeProviders, type ProviderProbe } from "./probe.js";
import { startStderrSpinner } from "../../infra/stderr-spinner.js";

export type ProviderAuthStatus = {
  provider: string;
  baseUrl: string;
  api: string | null;
  source: string;
  usable: boolean;
  keySource: string | null;
  keyPreview: string | null;
  hint?: string;
  /** Without a key, the models the provider still serves (its anonymous tier), e.g. `{modelSuffix: ":free"}`. */
  keyless?: { modelSuffix: string; limit: string };
};

/** One `auth.providers[]` entry, in OpenClaw's shape. */
export type ProviderAuthOverview = {
  provider: string;
  effective: { kind: EffectiveAuthKind; detail: string };
  profiles: ProviderProfilesSummary;
};

/**
 * `models status --json`: OpenClaw's fields (configPath … auth) first, which scripts read, then ours
 * (`provider`, `usable`, `providers` with base URLs and key previews).
 */
export type ModelsStatus = {
  configPath: string;
  agentDir: string;
  defaultModel: string;
  resolvedDefault: string;
  fallbacks: string[];
  imageModel: string | null;
  imageFallbacks: string[];
  aliases: Record<string, string>;
  allowed: string[];
  auth: {
    storePath: string;
    shellEnvFallback: { enabled: boolean; appliedKeys: string[] };
    providersWithOAuth: string[];
    missingProvidersInUse: string[];
    providers: ProviderAuthOverview[];
  };
  provider: string;
  usable: boolean;
  providers: ProviderAuthStatus[];
};

/** Inputs read from disk and env; everything after this is pure. */
export type ModelsStatusInputs = {
  cfg: OpenClawConfig;
  configPath: string;
  agentDir: string;
  storePath: string;
  shellEnvFallback: { enabled: boolean; appliedKeys: string[] };
  providers: ProviderAuthStatus[];
  profiles: Record<string, ProviderProfilesSummary>;
};

export function buildModelsStatusJson(inputs: ModelsStatusInputs): ModelsStatus {
  const { cfg } = inputs;
  const view = readAgentModelView(cfg);
  const ref = resolveConfiguredModelRef(cfg);
  const resolvedDefault = modelKey(ref.provider, ref.model);
  const byProvider = new Map(inputs.providers.map((row) => [row.provider, row]));
  const inUse = [resolvedDefault, ...view.fallbacks, ...(view.imageModel ? [view.imageModel] : []), ...view.imageFallbacks]
    .map((raw) => toModelKey(raw, cfg))
    .flatMap((key) => (key ? [parseModelRef(key)] : []))
    // A model the provider serves without a key (anonymous tier) does not make its provider missing.
    .flatMap((used) => (used && !(byProvider.get(used.provider)?.keyless && anonymousTierFor(used.provider, used.model)) ? [used.provider] : []))
    .filter((provider, index, all) => provider && all.indexOf(provider) === index);
  const authProviders = inputs.providers.map((row) => ({
    provider: row.provider,
    effective: effectiveAuth(row.provider, row, inputs.storePath),
    profiles: inputs.profiles[row.provider] ?? { count: 0, apiKey: 0, token: 0, oauth: 0, labels: [] },
  }));
  const current = byProvider.get(ref.provider);
  return {
    configPath: inputs.configPath,
    agentDir: inputs.agentDir,
    defaultModel: view.primary ?? resolvedDefault,
    resolvedDefault,
    fallbacks: view.fallbacks,
    imageModel: view.imageModel ?? null,
    imageFallbacks: view.imageFallbacks,
    aliases: view.aliases,
    allowed: view.allowed,
    auth: {
      storePath: inputs.storePath,
      shellEnvFallback: inputs.shellEnvFallback,
      providersWithOAuth: authProviders.filter((entry) => entry.profiles.oauth > 0).map((entry) => entry.provider),
      missingProvidersInUse: inUse.filter((provider) => !byProvider.get(provider)?.usable),
      providers: authProviders,
    },
    provider: ref.provider,
    usable: (current?.usable ?? false) || (current?.keyless !== undefined && anonymousTierFor(ref.provider, ref.model) !== undefined),
    providers: inputs.providers,
  };
}

async function gatherProviders(cfg: OpenClawConfig, env: EnvRecord, store: AuthProfileStore): Promise<ProviderAuthStatus[]> {
  const rows: ProviderAuthStatus[] = [];
  for (const provider of Object.values(resolveEffectiveProviders({ cfg, env, store }))) {
    rows.push({
      provider: provider.id,
      baseUrl: provider.baseUrl,
      api: provider.api ?? null,
      source: provider.source,
      ...(await resolveProviderKey(provider.id, cfg, env, store)),
    });
  }
  for (const row of rows) {
    const tier = row.usable ? undefined : anonymousTierOf(row.provider);
    if (tier) row.keyless = { modelSuffix: tier.modelSuffix, limit: tier.limit };
  }
  return rows;
}

export async function buildModelsStatus(params: { cfg: OpenClawConfig; configPath: string; env?: EnvRecord }): Promise<ModelsStatus> {
  const env = params.env ?? process.env;
  const agentDir = resolveOpenClawAgentDir(env);
  const store = ensureAuthProfileStore(agentDir, { env });
  const providers = await gatherProviders(params.cfg, env, store);
  return buildModelsStatusJson({
    cfg: params.cfg,
    configPath: params.configPath,
    agentDir,
    storePath: resolveAuthStorePath(agentDir),
    shellEnvFallback: { enabled: shellEnvEnabled(params.cfg, env), appliedKeys: [...getShellEnvAppliedKeys()] },
    providers,
    profiles: Object.fromEntries(providers.map((row) => [row.provider, summarizeProviderProfiles(row.provider, store, env)])),
  });
}

function describeDefaultAuth(current: ProviderAuthStatus | undefined, usable: boolean): string {
  if (current?.usable) return `${current.keyPreview} from ${current.keySource}`;
  if (usable && current?.keyless) return `none needed: anonymous free tier (${current.keyless.limit})`;
  return `missing${current?.hint ? `. ${current.hint}` : ""}`;
}

/** `--probe`: every provider with a key, live, in parallel; a spinner on stderr while it runs. */
async function runProbe(status: ModelsStatus, params: { cfg: OpenClawConfig; env: EnvRecord; timeoutMs: number; showProgress: boolean }): Promise<ProviderProbe[]> {
  const targets = status.providers.filter((row) => row.usable).map((row) => ({ provider: row.provider, baseUrl: row.baseUrl, api: row.api }));
  const spinner = params.showProgress && targets.length ? startStderrSpinner(`Probing ${targets.map((target) => target.provider).join(", ")}…`) : undefined;
  try {
    return await probeProviders(targets, { cfg: params.cfg, env: params.env, timeoutMs: params.timeoutMs, agentDir: status.agentDir });
  } finally {
    spinner?.();
  }
}

export async function modelsStatusCommand(params: {
  cfg: OpenClawConfig;
  configPath: string;
  json?: boolean;
  runtime: RuntimeEnv;
  env?: EnvRecord;
  /** Live checks (network); without it `models status` never leaves the machine. */
  probe?: { timeoutMs?: number; showProgress?: boolean };
}): Promise<void> {
  const status = await buildModelsStatus(params);
  const env = params.env ?? process.env;
  const probes = params.probe
    ? await runProbe(status, { cfg: params.cfg, env, timeoutMs: params.probe.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, showProgress: params.probe.showProgress ?? false })
    : undefined;
  // A failed probe is a failed health check: scripts get exit 1 (after the full report).
  const failed = probes?.some((probe) => probe.status !== "ok") ?? false;
  if (params.json) {
    params.runtime.log(JSON.stringify(probes ? { ...status, probe: probes } : status, null, 2));
    if (failed) params.runtime.exit(1);
    return;
  }
  const current = status.providers.find((row) => row.provider === status.provider);
  const lines = [
    `Config:        ${status.configPath}`,
    `Default model: ${status.defaultModel}${status.defaultModel !== status.resolvedDefault ? ` (${status.resolvedDefault})` : ""}`,
    ...(status.fallbacks.length ? [`Fallbacks:     ${status.fallbacks.join(", ")}`] : []),
    ...(status.imageModel ? [`Image model:   ${status.imageModel}`] : []),
    `Provider:      ${status.provider}${current ? ` (${current.baseUrl})` : " (unknown provider)"}`,
    `Auth:          ${describeDefaultAuth(current, status.usable)}`,
    "",
    "Providers:",
    ...status.providers.map((row) => {
      const auth = row.usable
        ? `usable  key ${row.keyPreview} from ${row.keySource}`
        : row.keyless
          ? `usable for *${row.keyless.modelSuffix} models without a key`
          : "no key";
      return `  ${row.provider.padEnd(11)} ${auth.padEnd(48)} ${row.baseUrl}${row.source === "implicit" ? "  (implicit: key found, no config block)" : ""}`;
    }),
  ];
  if (probes) {
    lines.push("", `Probe (live, ${params.probe?.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS} ms timeout each):`);
    lines.push(...(probes.length ? probes.map(formatProbeLine) : ["  no provider has a key: nothing to probe"]));
  }
  params.runtime.log(lines.join("\n"));
  if (failed) params.runtime.exit(1);
}
