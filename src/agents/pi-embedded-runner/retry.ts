/**
 * When a failed model call is worth another try, and how long to wait first. We own this loop (the
 * transport's own retries are switched off) so that Retry-After is honoured, the total wait is capped and
 * tests can shrink the backoff with OPENCLAW_RETRY_BASE_MS.
 */
import type { EnvRecord } from "../../infra/env.js";

export type RetryPolicy = {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff; doubles per retry. */
  baseMs: number;
  /** Longest single wait, Retry-After included. */
  maxDelayMs: number;
  /** Longest total wait across retries. */
  maxTotalMs: number;
};

// A Retry-After up to 30 s is waited for; a longer one fails the turn at once with what was asked.
const DEFAULT_POLICY: RetryPolicy = { maxRetries: 2, baseMs: 500, maxDelayMs: 30_000, maxTotalMs: 60_000 };

function readInt(env: EnvRecord, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

export function resolveRetryPolicy(env: EnvRecord = process.env): RetryPolicy {
  return {
    ...DEFAULT_POLICY,
    maxRetries: readInt(env, "OPENCLAW_MAX_RETRIES", 0, 10) ?? DEFAULT_POLICY.maxRetries,
    baseMs: readInt(env, "OPENCLAW_RETRY_BASE_MS", 0, 60_000) ?? DEFAULT_POLICY.baseMs,
  };
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Rate limits, server errors and connections that failed before any reply are transient. */
export function isRetryableFailure(status: number | undefined, errorMessage: string | undefined): boolean {
  if (status !== undefined && !Number.isNaN(status)) return status === 408 || status === 429 || (status >= 500 && status < 600);
  const text = errorMessage ?? "";
  // A timeout already used the user's whole --timeout budget: retrying would silently double it.
  if (/timed out|timeout/i.test(text)) return false;
  return /ECONNREFUSED|ECONNRESET|EAI_AGAIN|Connection error|fetch failed|socket hang up/i.test(text);
}

export type RetryDecision =
  /** Wait this long, then try again. */
  | { retry: true; delayMs: number }
  /** Give up. `askedMs` is set when the gateway asked for a wait longer than we allow. */
  | { retry: false; askedMs?: number };

/**
 * Whether to make retry number `attempt + 1`, and after what wait. Gives up when the retries are used,
 * the failure is not transient, or the wait (Retry-After included) exceeds the single-wait cap, the
 * total-wait cap or the time left before the turn's deadline.
 */
export function decideRetry(params: {
  policy: RetryPolicy;
  /** Retries already made (0 after the first failure). */
  attempt: number;
  waitedMs: number;
  /** Time left before the turn's deadline (--timeout); unbounded when absent. */
  remainingMs?: number;
  status?: number;
  retryAfter?: string;
  errorMessage?: string;
}): RetryDecision {
  const { policy, attempt } = params;
  if (!isRetryableFailure(params.status, params.errorMessage)) return { retry: false };
  const asked = parseRetryAfterMs(params.retryAfter);
  const limit = Math.min(policy.maxDelayMs, policy.maxTotalMs - params.waitedMs, params.remainingMs ?? Infinity);
  // A wait the gateway asks for that we will not make is the answer itself, even with retries left.
  if (asked !== undefined && asked > limit) return { retry: false, askedMs: asked };
  if (attempt >= policy.maxRetries) return { retry: false };
  const delayMs = asked ?? Math.min(policy.baseMs * 2 ** attempt, policy.maxDelayMs);
  return delayMs > limit ? { retry: false } : { retry: true, delayMs };
}
