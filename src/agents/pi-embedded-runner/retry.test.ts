import { describe, expect, it } from "vitest";
import { decideRetry, isRetryableFailure, parseRetryAfterMs, resolveRetryPolicy, type RetryPolicy } from "./retry.js";

const policy: RetryPolicy = { maxRetries: 2, baseMs: 100, maxDelayMs: 1_000, maxTotalMs: 1_500 };

describe("resolveRetryPolicy", () => {
  it("defaults to two retries from 500 ms and reads overrides from the env", () => {
    expect(resolveRetryPolicy({})).toMatchObject({ maxRetries: 2, baseMs: 500 });
    expect(resolveRetryPolicy({ OPENCLAW_MAX_RETRIES: "0", OPENCLAW_RETRY_BASE_MS: "1" })).toMatchObject({ maxRetries: 0, baseMs: 1 });
  });

  it("ignores values that are not small integers", () => {
    expect(resolveRetryPolicy({ OPENCLAW_MAX_RETRIES: "99", OPENCLAW_RETRY_BASE_MS: "fast" })).toMatchObject({ maxRetries: 2, baseMs: 500 });
  });
});

describe("parseRetryAfterMs", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfterMs("2")).toBe(2_000);
    expect(parseRetryAfterMs("0.5")).toBe(500);
    expect(parseRetryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfterMs("soon")).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});

describe("isRetryableFailure", () => {
  it("retries rate limits, server errors and refused connections, not client errors or timeouts", () => {
    expect(isRetryableFailure(429, undefined)).toBe(true);
    expect(isRetryableFailure(503, undefined)).toBe(true);
    expect(isRetryableFailure(401, undefined)).toBe(false);
    expect(isRetryableFailure(402, undefined)).toBe(false);
    expect(isRetryableFailure(404, undefined)).toBe(false);
    expect(isRetryableFailure(undefined, "Connection error.")).toBe(true);
    expect(isRetryableFailure(undefined, "Request timed out.")).toBe(false);
    expect(isRetryableFailure(undefined, "upstream provider error")).toBe(false);
  });
});

describe("decideRetry", () => {
  it("backs off exponentially until the retries are used up", () => {
    expect(decideRetry({ policy, attempt: 0, waitedMs: 0, status: 503 })).toEqual({ retry: true, delayMs: 100 });
    expect(decideRetry({ policy, attempt: 1, waitedMs: 100, status: 503 })).toEqual({ retry: true, delayMs: 200 });
    expect(decideRetry({ policy, attempt: 2, waitedMs: 300, status: 503 })).toEqual({ retry: false });
  });

  it("waits what Retry-After asks, and reports the ask when it exceeds the caps", () => {
    expect(decideRetry({ policy, attempt: 0, waitedMs: 0, status: 429, retryAfter: "0" })).toEqual({ retry: true, delayMs: 0 });
    expect(decideRetry({ policy, attempt: 0, waitedMs: 0, status: 429, retryAfter: "1" })).toEqual({ retry: true, delayMs: 1_000 });
    expect(decideRetry({ policy, attempt: 0, waitedMs: 0, status: 429, retryAfter: "2" })).toEqual({ retry: false, askedMs: 2_000 });
    expect(decideRetry({ policy, attempt: 1, waitedMs: 1_000, status: 429, retryAfter: "1" })).toEqual({ retry: false, askedMs: 1_000 });
    // Even with no retries left, a far-away ask is reported as such.
    expect(decideRetry({ policy, attempt: 2, waitedMs: 0, status: 429, retryAfter: "100000" })).toEqual({ retry: false, askedMs: 100_000_000 });
  });

  it("never waits past the turn's deadline", () => {
    expect(decideRetry({ policy, attempt: 0, waitedMs: 0, remainingMs: 500, status: 429, retryAfter: "1" })).toEqual({ retry: false, askedMs: 1_000 });
    expect(decideRetry({ policy, attempt: 1, waitedMs: 0, remainingMs: 150, status: 503 })).toEqual({ retry: false });
    expect(decideRetry({ policy, attempt: 0, waitedMs: 0, remainingMs: 150, status: 503 })).toEqual({ retry: true, delayMs: 100 });
  });

  it("never retries a failure that is not transient", () => {
    expect(decideRetry({ policy, attempt: 0, waitedMs: 0, status: 401 })).toEqual({ retry: false });
    expect(decideRetry({ policy, attempt: 0, waitedMs: 0, status: 401, retryAfter: "100" })).toEqual({ retry: false });
  });
});
