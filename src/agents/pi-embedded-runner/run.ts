/**
 * One agent turn, embedded: resolve model and key, replay the session (after the transcript policy),
 * stream the reply through pi-ai with bounded retries, record the turn.
 */
import type { Message as PiMessage, SimpleStreamOptions } from "@mariozechner/pi-ai";
import type { OpenClawConfig } from "../../config/types.js";
import type { EnvRecord } from "../../infra/env.js";
import { resolveOrganizationId } from "../../providers/facets.js";
import { interruptedError, type OpenClawError } from "../../infra/errors.js";
import { beginBulkWork, endBulkWork } from "../../infra/v8-flags.js";
import { findApiKeyProvider } from "../../providers/api-key-providers.js";
import { ensureAuthProfileStore } from "../auth-profiles/index.js";
import { resolveRunModelRef } from "../model-ref-pick.js";
import { resolveModelDefinition, type ResolvedModel } from "../models-config.providers.js";
import { resolveTranscriptPolicy } from "../transcript-policy.js";
import { applyTranscriptPolicy } from "../transcript-sanitize.js";
import { buildCacheTtlEntry, isCacheTtlEligibleProvider } from "./cache-ttl.js";
import {
  applyPayloadParams,
  applyRequestPolicy,
  detectCompat,
  resolveExtraParams,
  resolveThinkingLevel,
  type ExtraParams,
  type OpenAICompletionsCompatFlags,
  type ThinkingLevel,
} from "./extra-params.js";
import { ANONYMOUS_REQUEST_HEADERS, anonymousNotice, explainAnonymousFailure, resolveRunAuth } from "../anonymous-access.js";
import { cutOffError, mapGatewayFailure, replyViolationError, retryLaterError, turnTimeoutError } from "./gateway-errors.js";
import { DEFAULT_REPLY_LIMITS, type ReplyLimits } from "./reply-guard.js";
import { ModelCallError } from "./model-call-error.js";
import { decideRetry, resolveRetryPolicy } from "./retry.js";
import { bytesForTokens, computeHistoryBudget } from "./session-history.js";
import { HISTORY_TRIMMED_CUSTOM_TYPE, SessionStore, type SessionEntry, type SessionHistory } from "./session-store.js";
import { loadStreamFunction, streamAttempt, toPiModel, type AttemptResult } from "./transport.js";

/** Stored history (bytes a turn may read) from which the replay runs with V8 tuned for bulk work. */
const LONG_REPLAY_BYTES = 512 * 1024;

export const DEFAULT_SYSTEM_PROMPT = "You are OpenClaw, a personal AI assistant. Answer clearly and concisely.";

export type AgentUsage = {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  total: number;
  /** USD, when the gateway reports what the reply cost. */
  costUsd?: number;
};

export type AgentRunResult = {
  text: string;
  model: string;
  provider: string;
  usage: AgentUsage;
  stopReason: string;
  sessionId?: string;
};

export type AgentRunParams = {
  cfg: OpenClawConfig;
  env?: EnvRecord;
  message: string;
  model?: string;
  sessionId?: string;
  thinking?: ThinkingLevel;
  timeoutSeconds?: number;
  onText?: (delta: string) => void;
  /** One-line notes for stderr (history left out, damaged session lines skipped). */
  onNotice?: (line: string) => void;
  /** Ends every wait of the turn (Ctrl-C, SIGTERM); the turn then fails with an "Interrupted" error. */
  signal?: AbortSignal;
  /** When the whole turn must end (epoch ms), shared by fallback models; else from `timeoutSeconds`. */
  deadline?: number;
  /** Waits between retries (ending early when the signal fires); tests may replace it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** Waits `ms`, or less when `signal` fires first (the caller then checks why). */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return present.length > 1 ? AbortSignal.any(present) : present[0];
}

/**
 * The guard's limits: the idle limit comes from `agents.defaults.timeoutSeconds` (seconds without a
 * byte); OPENCLAW_MAX_REPLY_BYTES lowers the reply size limit (tests use it instead of 32 MiB replies).
 */
export function resolveReplyLimits(cfg: OpenClawConfig, env: EnvRecord = process.env): ReplyLimits {
  const configured = cfg.agents?.defaults?.timeoutSeconds;
  const idleSeconds = typeof configured === "number" && Number.isFinite(configured) && configured > 0 ? configured : undefined;
  const maxReply = Number(env.OPENCLAW_MAX_REPLY_BYTES);
  return {
    ...DEFAULT_REPLY_LIMITS,
    ...(idleSeconds ? { idleMs: idleSeconds * 1000 } : {}),
    ...(Number.isInteger(maxReply) && maxReply > 0 ? { maxReplyBytes: maxReply } : {}),
  };
}

function providerLabel(model: ResolvedModel): string {
  return findApiKeyProvider(model.provider)?.label ?? model.provider;
}

/**
 * pi-ai stream options for this turn. Its own retries and timeout are off: `runEmbeddedAgent` owns the
 * retry loop and the turn's deadline, and the fetch guard owns the idle limit.
 */
export function buildStreamOptions(params: {
  apiKey: string;
  extra: ExtraParams;
  reasoning: boolean;
  thinking?: ThinkingLevel;
  sessionId?: string;
  compat?: OpenAICompletionsCompatFlags;
}): SimpleStreamOptions {
  const { extra, thinking } = params;
  return {
    apiKey: params.apiKey,
    maxRetries: 0,
    ...(extra.maxTokens ? { maxTokens: extra.maxTokens } : {}),
    ...(extra.temperature !== undefined ? { temperature: extra.temperature } : {}),
    ...(extra.cacheRetention ? { cacheRetention: extra.cacheRetention } : {}),
    ...(params.reasoning && thinking && thinking !== "off" ? { reasoning: thinking } : {}),
    ...(params.sessionId ? { sessionId: params.sessionId } : {}),
    onPayload: (payload) => applyPayloadParams(payload, extra, params.compat),
  };
}

export async function runEmbeddedAgent(params: AgentRunParams): Promise<AgentRunResult> {
  const env = params.env ?? process.env;
  const { cfg } = params;
  // One read of the auth store serves the model pick, the implicit-provider check and the key lookup.
  const store = ensureAuthProfileStore(undefined, { env });
  const ref = await resolveRunModelRef({ cfg, env, store, ...(params.model !== undefined ? { raw: params.model } : {}) });
  const model = resolveModelDefinition({ cfg, ref, env, store });
  const auth = await resolveRunAuth({ provider: model.provider, modelId: model.id, cfg, env, store });
  if (auth.anonymous) params.onNotice?.(anonymousNotice(auth.anonymous));
  const extra = resolveExtraParams(cfg, model);
  const userMessage: PiMessage = { role: "user", content: params.message, timestamp: Date.now() };
  // Loaded before the session is read: no built-in module should load while V8 is tuned for bulk work.
  const streamSimple = await loadStreamFunction(model.api);
  const session = params.sessionId ? new SessionStore(params.sessionId, env) : undefined;
  const history = session ? await readSessionHistory(session, model, extra, userMessage, params.onNotice, streamSimple.ownTransport === true) : undefined;
  const policy = resolveTranscriptPolicy({ modelApi: model.api, provider: model.provider, modelId: model.id });
  const messages = [...applyTranscriptPolicy((history?.messages ?? []) as PiMessage[], policy), userMessage];
  const piModel = applyRequestPolicy(toPiModel(model, env), extra, model.compat);
  const baseOptions = buildStreamOptions({
    apiKey: auth.apiKey,
    extra,
    reasoning: piModel.reasoning,
    thinking: resolveThinkingLevel(cfg, params.thinking),
    ...(model.api === "openai-completions" ? { compat: detectCompat(model) } : {}),
    ...(params.sessionId ? { sessionId: params.sessionId } : {}),
  });
  if (auth.anonymous) baseOptions.headers = { ...baseOptions.headers, ...ANONYMOUS_REQUEST_HEADERS };

  const retryPolicy = resolveRetryPolicy(env);
  const limits = resolveReplyLimits(cfg, env);
  const sleep = params.sleep ?? abortableSleep;
  // One signal ends every wait of the turn: --timeout (retries, backoff and fallbacks included) and Ctrl-C/SIGTERM.
  const deadline = params.deadline ?? (params.timeoutSeconds ? Date.now() + params.timeoutSeconds * 1000 : undefined);
  const turnSignal = anySignal([params.signal, deadline !== undefined ? AbortSignal.timeout(Math.max(0, deadline - Date.now())) : undefined]);
  const options = { ...baseOptions, env, ...(turnSignal ? { signal: turnSignal } : {}) };
  // Ends of the turn itself (not of this model), so they are plain errors: no fallback model is tried.
  const endedEarly = (): OpenClawError | undefined => {
    if (params.signal?.aborted) return interruptedError(params.signal.reason);
    if (turnSignal?.aborted) return turnTimeoutError(model.baseUrl, params.timeoutSeconds ?? 0);
    return undefined;
  };

  let waitedMs = 0;
  let attempt: AttemptResult;
  for (let retries = 0; ; retries++) {
    attempt = await streamAttempt({
      streamSimple,
      model: piModel,
      context: { systemPrompt: DEFAULT_SYSTEM_PROMPT, messages },
      options,
      limits,
      ...(params.onText ? { onText: params.onText } : {}),
    });
    const { reply, observed, streamed } = attempt;
    const early = endedEarly();
    if (early) throw early;
    const failed = (error: OpenClawError) => new ModelCallError(error, { ...(observed.failure ? { status: observed.failure.status } : {}), streamed });
    if (observed.violation) throw failed(replyViolationError(observed.violation, model.baseUrl));
    if (reply.stopReason !== "error" && reply.stopReason !== "aborted") {
      // SDKs treat a stream that simply stops as a normal end; without its terminal event it is not one.
      if (observed.streamOpened && !observed.streamCompleted) throw failed(cutOffError(model.baseUrl));
      break;
    }
    // Text already printed cannot be taken back, so a reply that failed half-way is not retried.
    const decision = streamed
      ? { retry: false as const }
      : decideRetry({
          policy: retryPolicy,
          attempt: retries,
          waitedMs,
          ...(deadline !== undefined ? { remainingMs: deadline - Date.now() } : {}),
          ...(observed.failure ? { status: observed.failure.status } : {}),
          ...(observed.failure?.retryAfter ? { retryAfter: observed.failure.retryAfter } : {}),
          ...(reply.errorMessage ? { errorMessage: reply.errorMessage } : {}),
        });
    if (!decision.retry) {
      const error =
        decision.askedMs !== undefined
          ? retryLaterError({ label: providerLabel(model), askedMs: decision.askedMs, secret: auth.apiKey, ...(observed.failure ? { failure: observed.failure } : {}) })
          : gatewayError(model, auth.anonymous ? "" : auth.apiKey, attempt, env);
      throw failed(auth.anonymous ? explainAnonymousFailure(error, observed.failure?.status, auth.anonymous) : error);
    }
    await sleep(decision.delayMs, turnSignal);
    const interrupted = endedEarly();
    if (interrupted) throw interrupted;
    waitedMs += decision.delayMs;
  }

  const { reply } = attempt;
  const text = reply.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
  if (session) await recordTurn(session, cfg, model, userMessage, reply, history?.dropped === true);
  return {
    text,
    model: `${model.provider}/${model.id}`,
    provider: model.provider,
    usage: {
      input: reply.usage.input,
      output: reply.usage.output,
      cacheRead: reply.usage.cacheRead,
      cacheWrite: reply.usage.cacheWrite,
      total: reply.usage.totalTokens,
      ...(attempt.costUsd !== undefined ? { costUsd: attempt.costUsd } : {}),
    },
    stopReason: reply.stopReason,
    ...(params.sessionId ? { sessionId: params.sessionId } : {}),
  };
}

function gatewayError(model: ResolvedModel, apiKey: string, attempt: AttemptResult, env: EnvRecord): OpenClawError {
  const organizationId = resolveOrganizationId(model.provider, { env, ...(model.organizationId ? { configured: model.organizationId } : {}) });
  return mapGatewayFailure({
    ...(organizationId ? { organizationId } : {}),
    provider: model.provider,
    label: providerLabel(model),
    modelId: model.id,
    baseUrl: model.baseUrl,
    secret: apiKey,
    ...(attempt.observed.failure ? { failure: attempt.observed.failure } : {}),
    ...(attempt.reply.errorMessage ? { errorMessage: attempt.reply.errorMessage } : {}),
  });
}

/**
 * The stored history that fits the model's context window with this turn (newest turns kept). Tells the
 * user once per session that older turns are being left out, and passes on warnings about damaged lines.
 */
async function readSessionHistory(
  session: SessionStore,
  model: ResolvedModel,
  extra: ExtraParams,
  userMessage: PiMessage,
  onNotice: ((line: string) => void) | undefined,
  ownTransport: boolean,
): Promise<SessionHistory> {
  const budget = computeHistoryBudget({
    contextWindow: model.contextWindow,
    maxTokens: extra.maxTokens ?? model.maxTokens,
    systemPrompt: DEFAULT_SYSTEM_PROMPT,
    message: userMessage,
  });
  // Replaying a long history into one request is one-off work: V8 is tuned for it (see beginBulkWork) until
  // our transport has encoded the request, where it sets V8 back.
  if (ownTransport && Math.min(session.sizeBytes(), bytesForTokens(budget)) >= LONG_REPLAY_BYTES) beginBulkWork();
  let history: SessionHistory;
  try {
    history = await session.readHistory(budget);
  } catch (err) {
    endBulkWork();
    throw err;
  }
  for (const warning of history.warnings) onNotice?.(warning);
  if (history.dropped && !history.alreadyNoted) {
    onNotice?.(
      `Note: session "${session.id}" no longer fits ${model.provider}/${model.id}'s ${model.contextWindow}-token context window; ` +
        `older turns are left out (sending the newest ${history.messages.length} messages). Shown once per session.`,
    );
  }
  return history;
}

/** Appends the user message and the reply, plus the cache-TTL marker when context pruning uses it. */
async function recordTurn(
  session: SessionStore,
  cfg: OpenClawConfig,
  model: ResolvedModel,
  userMessage: PiMessage,
  reply: PiMessage,
  historyTrimmed: boolean,
): Promise<void> {
  const now = new Date().toISOString();
  const entries: SessionEntry[] = [
    { type: "message", timestamp: now, message: userMessage },
    { type: "message", timestamp: now, message: reply },
  ];
  if (cfg.agents?.defaults?.contextPruning?.mode === "cache-ttl" && isCacheTtlEligibleProvider(model.provider, model.id)) {
    entries.push(buildCacheTtlEntry({ timestamp: Date.now(), provider: model.provider, modelId: model.id }));
  }
  // Written on every trimmed turn so the next turn's tail read finds it and the note stays once per session.
  if (historyTrimmed) {
    entries.push({ type: "custom", customType: HISTORY_TRIMMED_CUSTOM_TYPE, data: { timestamp: Date.now(), contextWindow: model.contextWindow } });
  }
  await session.append(entries);
}
