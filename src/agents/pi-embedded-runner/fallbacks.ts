/**
 * Model fallbacks (`agents.defaults.model.fallbacks`, as upstream): when the model fails in a way another
 * model could fix (out of credits, rate limit beyond the retries, allow-list, unknown model, server
 * error, timeout), the same turn is retried on the next fallback in order. One stderr line says so.
 * A rejected key (401) only moves on to other providers; nothing falls back once reply text is printed.
 */
import type { OpenClawConfig } from "../../config/types.js";
import { OpenClawError } from "../../infra/errors.js";
import { findApiKeyProvider } from "../../providers/api-key-providers.js";
import { configuredFallbackRefs, modelKey, resolveConfiguredModelRef, resolveModelRefFromString } from "../model-selection.js";
import { ModelCallError } from "./model-call-error.js";
import type { AgentRunParams, AgentRunResult } from "./run.js";

export type FallbackReason =
  | "out_of_credits"
  | "rate_limited"
  | "forbidden"
  | "model_not_found"
  | "server_error"
  | "timeout"
  | "unreachable"
  | "auth_rejected"
  | "no_api_key";

export type FallbackAttempt = { model: string; reason: FallbackReason; status?: number; error: string };

export type FallbackRunResult = AgentRunResult & {
  /** The model that was asked first, when another one answered. */
  fallbackFrom?: string;
  fallbackReason?: FallbackReason;
  /** Every model that failed before the one that answered, in order. */
  attempts?: FallbackAttempt[];
};

/** `onNotice` also gets one line per switch to the next model (stderr in the CLI). */
export type FallbackRunParams = AgentRunParams;

const REASON_TEXT: Record<FallbackReason, string> = {
  out_of_credits: "out of credits",
  rate_limited: "rate limited",
  forbidden: "not allowed",
  model_not_found: "model not found",
  server_error: "server error",
  timeout: "timed out",
  unreachable: "unreachable",
  auth_rejected: "API key rejected",
  no_api_key: "no API key",
};

/** Why a failure may move to the next model, or undefined when it must stop the turn. */
export function classifyFallbackReason(err: unknown): { reason: FallbackReason; status?: number } | undefined {
  if (!(err instanceof OpenClawError)) return undefined;
  if (err.code === "NO_API_KEY") return { reason: "no_api_key" };
  if (!(err instanceof ModelCallError) || err.streamed) return undefined;
  const { status } = err;
  const withStatus = (reason: FallbackReason) => ({ reason, ...(status !== undefined ? { status } : {}) });
  if (status === 402 || err.code === "GATEWAY_CREDITS") return withStatus("out_of_credits");
  if (status === 429 || err.code === "GATEWAY_RATE_LIMITED") return withStatus("rate_limited");
  if (status === 401) return withStatus("auth_rejected");
  if (status === 403) return withStatus("forbidden");
  if (status === 404 || err.code === "GATEWAY_MODEL_NOT_FOUND") return withStatus("model_not_found");
  if ((status !== undefined && status >= 500 && status < 600) || err.code === "GATEWAY_SERVER_ERROR") return withStatus("server_error");
  if (err.code === "GATEWAY_TIMEOUT" || err.code === "GATEWAY_IDLE") return withStatus("timeout");
  if (err.code === "GATEWAY_UNREACHABLE") return withStatus("unreachable");
  if (err.code === "GATEWAY_AUTH") return withStatus("auth_rejected");
  return undefined;
}

/** Reasons that say the provider itself refuses us: its other models would fail the same way. */
const PROVIDER_WIDE: ReadonlySet<FallbackReason> = new Set(["auth_rejected"]);

export type ModelCandidate = { ref: string | undefined; key: string; provider: string };

/** The requested (or default) model, then the configured fallbacks, each model once. */
export function resolveModelCandidates(cfg: OpenClawConfig, requested: string | undefined): ModelCandidate[] {
  const first = requested === undefined ? resolveConfiguredModelRef(cfg) : resolveModelRefFromString({ raw: requested, cfg });
  // An invalid --model is left for the run itself to report.
  const candidates: ModelCandidate[] = [
    { ref: requested, key: first ? modelKey(first.provider, first.model) : (requested ?? ""), provider: first?.provider ?? "" },
  ];
  for (const raw of configuredFallbackRefs(cfg)) {
    const ref = resolveModelRefFromString({ raw, cfg });
    if (!ref) continue;
    const key = modelKey(ref.provider, ref.model);
    if (!candidates.some((candidate) => candidate.key === key)) candidates.push({ ref: raw, key, provider: ref.provider });
  }
  return candidates;
}

function providerLabel(provider: string): string {
  return findApiKeyProvider(provider)?.label ?? provider;
}

/** "<provider label>: out of credits for <model id>; using <next provider/model>" */
export function formatFallbackNotice(failed: ModelCandidate, reason: FallbackReason, next: ModelCandidate): string {
  const model = failed.key.slice(failed.provider.length + 1);
  return `${providerLabel(failed.provider)}: ${REASON_TEXT[reason]} for ${model}; using ${next.key}`;
}

export async function runWithModelFallbacks(
  params: FallbackRunParams,
  runOne: (params: AgentRunParams) => Promise<AgentRunResult>,
): Promise<FallbackRunResult> {
  const { model: requested, onNotice, ...rest } = params;
  // Each model's run may repeat a notice (e.g. the anonymous tier's); the user reads it once.
  const seen = new Set<string>();
  const notice = (line: string) => {
    if (seen.has(line)) return;
    seen.add(line);
    onNotice?.(line);
  };
  const runParams = { ...rest, onNotice: notice };
  const candidates = resolveModelCandidates(params.cfg, requested);
  const attempts: FallbackAttempt[] = [];
  const refusedProviders = new Set<string>();
  let firstError: unknown;

  for (const [index, candidate] of candidates.entries()) {
    if (refusedProviders.has(candidate.provider)) continue;
    try {
      const result = await runOne({ ...runParams, ...(candidate.ref !== undefined ? { model: candidate.ref } : {}) });
      if (attempts.length === 0) return result;
      const [first] = attempts;
      return { ...result, fallbackFrom: first!.model, fallbackReason: first!.reason, attempts };
    } catch (err) {
      const classified = classifyFallbackReason(err);
      firstError ??= err;
      if (!classified) throw err;
      attempts.push({ model: candidate.key, ...classified, error: err instanceof Error ? err.message : String(err) });
      if (PROVIDER_WIDE.has(classified.reason)) refusedProviders.add(candidate.provider);
      const next = candidates.slice(index + 1).find((later) => !refusedProviders.has(later.provider));
      if (!next) break;
      notice(formatFallbackNotice(candidate, classified.reason, next));
    }
  }
  throw attempts.length > 1 ? withFallbackSummary(firstError, attempts) : firstError;
}

/** The first model's error (the one the user asked for), noting that the fallbacks failed too. */
function withFallbackSummary(err: unknown, attempts: readonly FallbackAttempt[]): unknown {
  if (!(err instanceof OpenClawError)) return err;
  const others = attempts.slice(1).map((attempt) => `${attempt.model} (${REASON_TEXT[attempt.reason]})`);
  return new OpenClawError(err.code, err.message, {
    hint: `${err.hint ? `${err.hint} ` : ""}The fallbacks failed too: ${others.join(", ")}.`,
    ...(err.cause !== undefined ? { cause: err.cause } : {}),
    exitCode: err.exitCode,
  });
}
