/**
 * Our own transport for OpenAI-compatible gateways (`api: "openai-completions"`: Kilo and the rest): one
 * POST through the project's HTTP client (node:http/https unless a proxy applies, so no fetch, no undici
 * and no WebAssembly parser on the way), the reply guard on the body, SSE parsed once per read, events
 * mapped straight into the runner's event stream. Same contract as pi-ai's stream functions; the body it
 * sends is the one pi-ai sent (openai-completions-body.ts).
 */
import type { Context, Model as PiModel } from "@mariozechner/pi-ai";
import { openHttpRequest, type HttpStreamResponse } from "../../infra/http-client.js";
import { endBulkWork } from "../../infra/v8-flags.js";
import { buildCompletionsBody, buildCompletionsHeaders, completionsUrl } from "./openai-completions-body.js";
import { resolveCompletionsCompat } from "./openai-completions-compat.js";
import { CompletionsReply, replyErrorFrom } from "./openai-completions-reply.js";
import { ReplyEventStream, type ReplyStream } from "./reply-event-stream.js";
import { DEFAULT_REPLY_LIMITS, GuardError, ReplyGuard, withinIdle } from "./reply-guard.js";
import { SseParser } from "./sse-parser.js";
import type { StreamFunction, TransportOptions } from "./transport.js";

/** A transport failure before the response head: the wording the runner's retry and error mapping know. */
function connectionError(error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  const detail = typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
  return new Error(`Connection error. ${detail}`, { cause: error });
}

/** The body stopped before its end (reset, closed): reported as a dropped reply. */
function droppedError(error: unknown): Error {
  return new Error("terminated: the connection closed in the middle of the reply", { cause: error });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function send(params: {
  model: PiModel<string>;
  context: Context;
  options: TransportOptions;
  guard: ReplyGuard;
  reply: CompletionsReply;
}): Promise<void> {
  const { model, options, guard, reply } = params;
  const compat = resolveCompletionsCompat(model);
  const env = options.env ?? process.env;
  let encoded: Buffer;
  try {
    let body: unknown = buildCompletionsBody({ model, context: params.context, options, compat, env });
    const replaced = await options.onPayload?.(body, model);
    if (replaced !== undefined) body = replaced;
    encoded = Buffer.from(JSON.stringify(body), "utf8");
  } finally {
    // A long session's replay ends here (run.ts tuned V8 for it); the reply, which may be long, runs as before.
    endBulkWork();
  }
  const url = completionsUrl(model.baseUrl);
  const local = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, local.signal]) : local.signal;
  const onIdle = guard.idle(url, () => local.abort());
  const { idleMs } = guard.limits;

  let response: HttpStreamResponse;
  try {
    response = await withinIdle(
      openHttpRequest(url, { method: "POST", headers: buildCompletionsHeaders({ model, options, compat, env }), body: encoded, signal, env }),
      idleMs,
      onIdle,
    );
  } catch (error) {
    throw error instanceof GuardError || signal.aborted ? error : connectionError(error);
  }
  const release = () => {
    local.abort();
    response.cancel();
  };
  const pieces = response.body[Symbol.asyncIterator]();
  const read = async () => {
    const { done, value } = await pieces.next();
    return done ? undefined : value;
  };
  const head = { status: response.status, header: (name: string) => response.header(name) };

  if (guard.checkHead(url, head, release) === "failure") {
    const failure = await guard.readFailure(head, read, release, onIdle);
    const parsed = parseJson(failure.body);
    const error = (parsed as { error?: unknown } | undefined)?.error;
    throw replyErrorFrom(failure.status, error, parsed === undefined ? failure.body : undefined);
  }

  reply.start();
  const gate = guard.lineGate(url);
  const decoder = new TextDecoder();
  const parser = new SseParser((data, event) => reply.event(data, event));
  try {
    for (;;) {
      let piece: Uint8Array | undefined;
      try {
        piece = await withinIdle(read(), idleMs, onIdle);
      } catch (error) {
        throw error instanceof GuardError || signal.aborted ? error : droppedError(error);
      }
      if (!piece) break;
      const lines = gate.take(piece);
      if (lines) parser.push(decoder.decode(lines, { stream: true }));
      if (reply.done) {
        // Nothing after [DONE] counts: a gateway that keeps the connection open must not hold the turn.
        release();
        break;
      }
    }
    const last = gate.flush();
    if (last) parser.push(decoder.decode(last, { stream: true }));
    parser.push(decoder.decode());
    parser.end();
  } catch (error) {
    release();
    throw error;
  }
  reportCost(reply, options);
  reply.finish(options.signal);
}

/** The gateway's own figure for what the reply cost, handed over before the stream's final event. */
function reportCost(reply: CompletionsReply, options: TransportOptions): void {
  if (reply.reportedCost !== undefined) options.onReportedCost?.(reply.reportedCost);
}

function stream(model: PiModel<string>, context: Context, options: TransportOptions): ReplyStream {
  if (!options.apiKey) throw new Error(`No API key for provider: ${model.provider}`);
  const events = new ReplyEventStream();
  const guard = options.guard ?? new ReplyGuard(model.api, DEFAULT_REPLY_LIMITS);
  const reply = new CompletionsReply(model, events, () => guard.markCompleted());
  send({ model, context, options, guard, reply }).catch((error: unknown) => {
    reportCost(reply, options);
    reply.fail(error, options.signal?.aborted === true);
  });
  return events;
}

/** The stream function for `api: "openai-completions"`; it owns its HTTP request (see transport.ts). */
export const streamOpenAICompletions: StreamFunction = Object.assign(stream, { ownTransport: true });
