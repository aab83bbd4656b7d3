/**
 * Turns a failed model call into one plain sentence with what to do next. Works from the HTTP failure
 * seen on the wire (status + body) when there was one, else from the transport's error text.
 */
import { OpenClawError } from "../../infra/errors.js";
import { redact, registerSecret } from "../../infra/redact.js";
import { findApiKeyProvider } from "../../providers/api-key-providers.js";
import type { GuardViolation } from "./reply-guard.js";

export type HttpFailure = { status: number; body: string; retryAfter?: string };

const URL_PATTERN = /https?:\/\/[^\s"'<>)]+/;

function bodyMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
    return typeof message === "string" && message.trim() ? message.trim() : undefined;
  } catch {
    return body.trim() ? body.trim().slice(0, 200) : undefined;
  }
}

/** The last two labels of a host name: api.kilo.ai -> kilo.ai. */
function siteOf(host: string): string {
  return host.toLowerCase().replace(/\.$/, "").split(".").slice(-2).join(".");
}

/** Whether `url` is an https page on the same site as `reference` (the provider's own domain). */
export function isOnProviderDomain(url: string, reference: string): boolean {
  try {
    const target = new URL(url);
    return target.protocol === "https:" && siteOf(target.hostname) === siteOf(new URL(reference).hostname);
  } catch {
    return false;
  }
}

/** The buy-credits page a 402 body names, if any. */
function buyCreditsUrl(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const error = (parsed.error ?? {}) as Record<string, unknown>;
    const metadata = (error.metadata ?? {}) as Record<string, unknown>;
    for (const candidate of [parsed.buyCreditsUrl, error.buyCreditsUrl, metadata.buyCreditsUrl, metadata.buy_credits_url, error.buy_credits_url]) {
      if (typeof candidate === "string" && /^https?:\/\//.test(candidate)) return candidate;
    }
  } catch {
    // Not JSON: fall back to the first URL in the text.
  }
  return URL_PATTERN.exec(body)?.[0];
}

/**
 * Where the 402 hint sends the user: the page the gateway named only when it is on the provider's own
 * domain (a hostile or misconfigured gateway must not pick where people pay), else the provider's page.
 */
function creditsHint(provider: string, baseUrl: string, named: string | undefined): string | undefined {
  const spec = findApiKeyProvider(provider);
  const home = spec?.baseUrl ?? baseUrl;
  if (named && isOnProviderDomain(named, home)) return named;
  return spec?.creditsUrl;
}

/** Gateways sometimes echo the key they rejected; whatever we show goes through the one redactor. */
export function redactSecret(text: string, secret: string | undefined): string {
  registerSecret(secret);
  return redact(text);
}

/** The exact command that replaces the key (the wizard's "Replace the key" does the same interactively). */
function onboardHint(provider: string): string {
  const spec = findApiKeyProvider(provider);
  if (!spec) return `Check the API key configured for "${provider}" (models.providers.${provider}.apiKey or its auth profile).`;
  return (
    `Replace the key: openclaw onboard --non-interactive --auth-choice ${spec.authChoice} ${spec.flag.cliFlag} <new key> ` +
    `(or run openclaw onboard and choose "Replace the key").`
  );
}

/** Where a provider's base URL is set: its own config key, and the env var that applies when the config has none. */
function baseUrlHint(provider: string): string {
  const envVar = findApiKeyProvider(provider)?.baseUrlEnvVar;
  return (
    `Check your network and proxy, and models.providers.${provider}.baseUrl in openclaw.json` +
    (envVar ? ` (${envVar} applies only when the config sets no baseUrl).` : ".")
  );
}

export function mapGatewayFailure(params: {
  provider: string;
  label: string;
  modelId: string;
  baseUrl: string;
  failure?: HttpFailure;
  errorMessage?: string;
  /** The API key used, removed from anything shown. */
  secret?: string;
  /** The organisation the request was scoped to: a 403 then comes from its model allow-list. */
  organizationId?: string;
}): OpenClawError {
  const failure = params.failure ? { ...params.failure, body: redactSecret(params.failure.body, params.secret) } : undefined;
  const status = failure?.status ?? Number(/^(\d{3})\b/.exec(params.errorMessage ?? "")?.[1] ?? NaN);
  const detail = failure ? bodyMessage(failure.body) : undefined;
  const text = redactSecret(params.errorMessage ?? "", params.secret);
  const error = mapFailure({ ...params, ...(failure ? { failure } : {}) }, status, detail, text);
  // `--verbose` prints the cause: what the transport and the gateway actually said.
  const raw = [failure ? `HTTP ${failure.status}: ${failure.body.slice(0, 500)}` : "", text].filter(Boolean).join("\n");
  return raw ? new OpenClawError(error.code, error.message, { ...(error.hint ? { hint: error.hint } : {}), cause: new Error(raw) }) : error;
}

function mapFailure(
  params: { provider: string; label: string; modelId: string; baseUrl: string; failure?: HttpFailure; organizationId?: string },
  status: number,
  detail: string | undefined,
  text: string,
): OpenClawError {
  const { provider, label, modelId, baseUrl, failure } = params;

  switch (true) {
    case status === 403 && params.organizationId !== undefined:
      return new OpenClawError(
        "GATEWAY_ORG_FORBIDDEN",
        `${label}: organisation ${params.organizationId} does not allow ${provider}/${modelId} (403)${detail ? `: ${detail}` : ""}.`,
        { hint: `See the models it allows: openclaw models list --provider ${provider} --all (or pick one with --model).` },
      );
    case status === 401 || status === 403:
      return new OpenClawError("GATEWAY_AUTH", `${label} rejected the API key (${status}).`, { hint: onboardHint(provider) });
    case status === 402: {
      const url = creditsHint(provider, baseUrl, failure ? buyCreditsUrl(failure.body) : URL_PATTERN.exec(text)?.[0]);
      // The URL goes in the hint once, never glued to punctuation (it must stay clickable).
      const reason = detail?.replace(/\s*(?:\bat\b|:)?\s*https?:\/\/[^\s"'<>)]+/gi, "").replace(/[\s:(.)]+$/, "").trim();
      return new OpenClawError("GATEWAY_CREDITS", `Out of credits (402): ${reason || "the gateway refused the request for billing reasons"}.`, {
        hint: url ? `Buy credits at ${url}` : `Top up your ${label} balance, then retry.`,
      });
    }
    case status === 404:
      return new OpenClawError("GATEWAY_MODEL_NOT_FOUND", `Model not found (404): ${provider}/${modelId}${detail ? ` (${detail})` : ""}.`, {
        hint: `Check the model id with \`openclaw models list --provider ${provider} --all\`.`,
      });
    case status === 429:
      return new OpenClawError("GATEWAY_RATE_LIMITED", `Rate limited (429) by ${label}${detail ? `: ${detail}` : ""}.`, {
        hint: `Retries were exhausted${failure?.retryAfter ? ` (the gateway asked to wait ${failure.retryAfter}s)` : ""}; wait a moment and try again.`,
      });
    case status >= 500 && status < 600:
      return new OpenClawError("GATEWAY_SERVER_ERROR", `${label} had a server error (${status})${detail ? `: ${detail}` : ""}.`, {
        hint: "Retries were exhausted; try again later or pick another model with --model.",
      });
    case /timed out|timeout/i.test(text):
      return new OpenClawError("GATEWAY_TIMEOUT", `Timed out waiting for ${baseUrl}.`, { hint: "Retry, or raise --timeout." });
    case /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|Connection error|fetch failed|ECONNRESET/i.test(text) && !/terminated|aborted/i.test(text):
      return new OpenClawError("GATEWAY_UNREACHABLE", `Could not reach ${baseUrl}.`, {
        hint: baseUrlHint(provider),
      });
    case /terminated|other side closed|socket hang up|premature/i.test(text):
      return new OpenClawError("GATEWAY_DROPPED", `The connection to ${baseUrl} dropped in the middle of the reply.`, { hint: "Retry the message." });
    default:
      return new OpenClawError("GATEWAY_ERROR", `${label} returned an error${text ? `: ${text.split("\n")[0]}` : ""}.`, {
        hint: "Run again with --verbose for details.",
      });
  }
}

/** Minutes when the wait is long, seconds otherwise, rounded up. */
function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** The gateway asked for a wait longer than we make (cap or --timeout): fail now, saying how long. */
export function retryLaterError(params: { label: string; askedMs: number; failure?: HttpFailure; secret?: string }): OpenClawError {
  const status = params.failure ? ` (${params.failure.status}${detailOf(params.failure, params.secret)})` : "";
  return new OpenClawError("GATEWAY_RETRY_LATER", `${params.label} asks to retry in ${formatWait(params.askedMs)}${status}.`, {
    hint: "Try again later, or pick another model with --model.",
  });
}

function detailOf(failure: HttpFailure, secret: string | undefined): string {
  const detail = bodyMessage(redactSecret(failure.body, secret));
  return detail ? `: ${detail.split("\n")[0]}` : "";
}

/** The whole turn ran past --timeout (retries included). */
export function turnTimeoutError(baseUrl: string, timeoutSeconds: number): OpenClawError {
  return new OpenClawError("GATEWAY_TIMEOUT", `Timed out waiting for ${baseUrl}.`, {
    hint: `The turn took longer than --timeout ${timeoutSeconds}; retry, or raise --timeout.`,
  });
}

/** The reply was stopped by the fetch guard. */
export function replyViolationError(violation: GuardViolation, baseUrl: string): OpenClawError {
  const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  switch (violation.kind) {
    case "idle":
      return new OpenClawError("GATEWAY_IDLE", `No data from ${baseUrl} for ${Math.round(violation.idleMs / 1000)} s; gave up waiting.`, {
        hint: "Retry; raise agents.defaults.timeoutSeconds in openclaw.json if the model is slow to answer.",
      });
    case "not-event-stream":
      return new OpenClawError(
        "GATEWAY_NOT_A_STREAM",
        `${violation.url} answered HTTP ${violation.status} with ${violation.contentType} instead of an event stream.`,
        { hint: "Check the provider's baseUrl (a captive portal or a proxy may be answering), then retry." },
      );
    case "redirect":
      return new OpenClawError("GATEWAY_REDIRECT", `${violation.url} answered with a redirect (${violation.status}) to ${violation.location}; not followed.`, {
        hint: "Set the provider's baseUrl to the address the gateway really serves from.",
      });
    case "line-too-long":
      return new OpenClawError("GATEWAY_BAD_STREAM", `The event stream from ${baseUrl} has a line longer than ${mib(violation.limit)}; stopped reading.`, {
        hint: "The gateway sent a malformed reply; retry.",
      });
    case "reply-too-large":
      return new OpenClawError("GATEWAY_REPLY_TOO_LARGE", `The reply from ${baseUrl} exceeded ${mib(violation.limit)}; cut off.`, {
        hint: "Ask for a shorter answer (or set maxTokens in the model's params).",
      });
  }
}

/** The stream ended normally on the wire, but without the event that ends a complete reply. */
export function cutOffError(baseUrl: string): OpenClawError {
  return new OpenClawError("GATEWAY_CUT_OFF", `The reply was cut off: the stream from ${baseUrl} ended without a finish reason.`, {
    hint: "Retry the message.",
  });
}
