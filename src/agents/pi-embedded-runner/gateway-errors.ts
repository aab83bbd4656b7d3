/**
 * Turns a failed model call into one plain sentence with what to do next. Works from the HTTP failure
 * seen on the wire (status + body) when there was one, else from the transport's error text.
 */
import { OpenClawError } from "../../infra/errors.js";
import { findApiKeyProvider } from "../../providers/api-key-providers.js";

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

/** Gateways sometimes echo the key they rejected; whatever we show must not contain it. */
export function redactSecret(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join("***") : text;
}

function onboardHint(provider: string): string {
  const spec = findApiKeyProvider(provider);
  return spec ? `Run \`openclaw onboard --auth-choice ${spec.authChoice}\` with a valid key.` : `Check the API key configured for "${provider}".`;
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
  params: { provider: string; label: string; modelId: string; baseUrl: string; failure?: HttpFailure },
  status: number,
  detail: string | undefined,
  text: string,
): OpenClawError {
  const { provider, label, modelId, baseUrl, failure } = params;

  switch (true) {
    case status === 401 || status === 403:
      return new OpenClawError("GATEWAY_AUTH", `${label} rejected the API key (${status}).`, { hint: onboardHint(provider) });
    case status === 402: {
      const url = failure ? buyCreditsUrl(failure.body) : URL_PATTERN.exec(text)?.[0];
      return new OpenClawError("GATEWAY_CREDITS", `Out of credits (402): ${detail ?? "the gateway refused the request for billing reasons"}.`, {
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
        hint: "Check your network, proxy and the provider's baseUrl (models.providers.<id>.baseUrl or KILOCODE_API_BASE_URL).",
      });
    case /terminated|other side closed|socket hang up|premature/i.test(text):
      return new OpenClawError("GATEWAY_DROPPED", `The connection to ${baseUrl} dropped in the middle of the reply.`, { hint: "Retry the message." });
    default:
      return new OpenClawError("GATEWAY_ERROR", `${label} returned an error${text ? `: ${text.split("\n")[0]}` : ""}.`, {
        hint: "Run again with --verbose for details.",
      });
  }
}
