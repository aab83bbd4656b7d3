/**
 * A streamed Chat Completions reply, event by event, into the assistant message and the events the runner
 * reads: text, reasoning and tool-call deltas, usage (cached tokens included) with its cost from the
 * model's prices, the stop reason, the response id and model, and the cost the gateway itself reports
 * (`usage.cost`, OpenRouter-style). Error events and error stop reasons become the message's error, with
 * the texts the runner's error mapping knows.
 */
import type { AssistantMessage, Model as PiModel, StopReason, TextContent, ThinkingContent, ToolCall, Usage } from "@mariozechner/pi-ai";
import type { ReplyEventStream } from "./reply-event-stream.js";

/** An error the stream carried (an `error` event), or a failure with an HTTP status. */
export class ReplyError extends Error {
  constructor(
    message: string,
    /** Extra detail some gateways add (OpenRouter's `error.metadata.raw`), appended on its own line. */
    readonly raw?: string,
  ) {
    super(message);
    this.name = "ReplyError";
  }
}

type Json = Record<string, unknown>;

const REASONING_FIELDS = ["reasoning_content", "reasoning", "reasoning_text"] as const;

/** How an API error object reads as one line (the wording users and our error mapping have seen so far). */
export function apiErrorText(status: number | undefined, error: unknown, fallback?: string): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  const text = message ? (typeof message === "string" ? message : JSON.stringify(message)) : error ? JSON.stringify(error) : fallback;
  if (status && text) return `${status} ${text}`;
  if (status) return `${status} status code (no body)`;
  return text || "(no status code or body)";
}

/** The error an `{ "error": ... }` event or error body carries. */
export function replyErrorFrom(status: number | undefined, error: unknown, fallback?: string): ReplyError {
  const raw = (error as { metadata?: { raw?: unknown } } | undefined)?.metadata?.raw;
  return new ReplyError(apiErrorText(status, error, fallback), typeof raw === "string" && raw ? raw : undefined);
}

function stopReasonOf(reason: string): { stopReason: StopReason; errorMessage?: string } {
  switch (reason) {
    case "stop":
    case "end":
      return { stopReason: "stop" };
    case "length":
      return { stopReason: "length" };
    case "function_call":
    case "tool_calls":
      return { stopReason: "toolUse" };
    default:
      return { stopReason: "error", errorMessage: `Provider finish_reason: ${reason}` };
  }
}

const count = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/** Token counts in pi-ai's terms: cache reads exclude this request's cache writes; cost from the model's prices. */
export function usageFrom(raw: Json, prices: PiModel<string>["cost"]): Usage {
  const details = raw.prompt_tokens_details as Json | undefined;
  const prompt = count(raw.prompt_tokens);
  const cached = count(details?.cached_tokens ?? raw.prompt_cache_hit_tokens);
  const cacheWrite = count(details?.cache_write_tokens);
  // Some gateways count this request's cache writes among cached tokens too.
  const cacheRead = cacheWrite > 0 ? Math.max(0, cached - cacheWrite) : cached;
  const input = Math.max(0, prompt - cacheRead - cacheWrite);
  const output = count(raw.completion_tokens);
  const perToken = (price: number, tokens: number) => (price / 1_000_000) * tokens;
  const cost = {
    input: perToken(prices.input, input),
    output: perToken(prices.output, output),
    cacheRead: perToken(prices.cacheRead, cacheRead),
    cacheWrite: perToken(prices.cacheWrite, cacheWrite),
    total: 0,
  };
  cost.total = cost.input + cost.output + cost.cacheRead + cost.cacheWrite;
  return { input, output, cacheRead, cacheWrite, totalTokens: input + output + cacheRead + cacheWrite, cost };
}

function parseArguments(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export class CompletionsReply {
  readonly message: AssistantMessage;
  /** USD, when the gateway reported what the reply cost (the last report wins). */
  reportedCost: number | undefined;
  /** Whether the reply's terminal event (a finish reason, or [DONE]) arrived. */
  completed = false;
  /** Whether `[DONE]` arrived: nothing after it counts. */
  done = false;
  private text: TextContent | undefined;
  private thinking: ThinkingContent | undefined;
  private readonly calls = new Map<number | string, { block: ToolCall; args: string }>();

  constructor(
    private readonly model: PiModel<string>,
    private readonly stream: ReplyEventStream,
    private readonly onCompleted: () => void = () => undefined,
  ) {
    this.message = {
      role: "assistant",
      content: [],
      api: model.api,
      provider: model.provider,
      model: model.id,
      usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } },
      stopReason: "stop",
      timestamp: Date.now(),
    };
  }

  start(): void {
    this.stream.push({ type: "start", partial: this.message });
  }

  /** One SSE event. Throws ReplyError for an error event, SyntaxError for data that is not JSON. */
  event(data: string, event: string): void {
    if (this.done) return;
    if (data.startsWith("[DONE]")) {
      this.done = true;
      this.markCompleted();
      return;
    }
    const parsed: unknown = JSON.parse(data);
    // Assistants-API style events are not chat completion chunks.
    if (event.startsWith("thread.")) return;
    if (!parsed || typeof parsed !== "object") return;
    const chunk = parsed as Json;
    if (chunk.error) throw replyErrorFrom(undefined, chunk.error);
    this.chunk(chunk);
  }

  private markCompleted(): void {
    if (this.completed) return;
    this.completed = true;
    this.onCompleted();
  }

  private chunk(chunk: Json): void {
    const { message } = this;
    if (!message.responseId && typeof chunk.id === "string" && chunk.id) message.responseId = chunk.id;
    if (!message.responseModel && typeof chunk.model === "string" && chunk.model && chunk.model !== this.model.id) message.responseModel = chunk.model;
    const choices = Array.isArray(chunk.choices) ? (chunk.choices as Json[]) : undefined;
    const choice = choices?.[0];
    const usage = (chunk.usage ?? choice?.usage) as Json | undefined;
    if (usage && typeof usage === "object") {
      message.usage = usageFrom(usage, this.model.cost);
      const cost = usage.cost;
      if (typeof cost === "number" && Number.isFinite(cost) && cost >= 0) this.reportedCost = cost;
    }
    if (choices?.some((item) => typeof item?.finish_reason === "string")) this.markCompleted();
    if (!choice) return;
    if (typeof choice.finish_reason === "string" && choice.finish_reason) {
      const { stopReason, errorMessage } = stopReasonOf(choice.finish_reason);
      message.stopReason = stopReason;
      if (errorMessage) message.errorMessage = errorMessage;
    }
    const delta = choice.delta as Json | undefined;
    if (!delta || typeof delta !== "object") return;
    if (typeof delta.content === "string" && delta.content.length > 0) this.textDelta(delta.content);
    // Gateways name the reasoning field differently; the first non-empty one is the reasoning.
    for (const field of REASONING_FIELDS) {
      const value = delta[field];
      if (typeof value === "string" && value.length > 0) {
        this.thinkingDelta(value, field);
        break;
      }
    }
    if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls as Json[]) this.toolCallDelta(call);
    if (Array.isArray(delta.reasoning_details)) {
      // OpenRouter-style proxies carry a tool call's thought signature as an encrypted reasoning detail.
      for (const detail of delta.reasoning_details as Json[]) {
        if (detail?.type !== "reasoning.encrypted" || !detail.id || !detail.data) continue;
        const call = message.content.find((block): block is ToolCall => block.type === "toolCall" && block.id === detail.id);
        if (call) call.thoughtSignature = JSON.stringify(detail);
      }
    }
  }

  private indexOf(block: object): number {
    return this.message.content.indexOf(block as AssistantMessage["content"][number]);
  }

  private textDelta(text: string): void {
    let block = this.text;
    if (!block) {
      block = this.text = { type: "text", text: "" };
      this.message.content.push(block);
      this.stream.push({ type: "text_start", contentIndex: this.message.content.length - 1, partial: this.message });
    }
    block.text += text;
    this.stream.push({ type: "text_delta", contentIndex: this.indexOf(block), delta: text, partial: this.message });
  }

  private thinkingDelta(text: string, field: string): void {
    let block = this.thinking;
    if (!block) {
      block = this.thinking = { type: "thinking", thinking: "", thinkingSignature: field };
      this.message.content.push(block);
      this.stream.push({ type: "thinking_start", contentIndex: this.message.content.length - 1, partial: this.message });
    }
    block.thinking += text;
    this.stream.push({ type: "thinking_delta", contentIndex: this.indexOf(block), delta: text, partial: this.message });
  }

  private toolCallDelta(call: Json): void {
    const fn = (call.function ?? {}) as Json;
    const id = typeof call.id === "string" ? call.id : "";
    const key = typeof call.index === "number" ? call.index : id;
    let entry = this.calls.get(key) ?? (id ? this.calls.get(id) : undefined);
    if (!entry) {
      entry = { block: { type: "toolCall", id, name: typeof fn.name === "string" ? fn.name : "", arguments: {} }, args: "" };
      this.message.content.push(entry.block);
      this.stream.push({ type: "toolcall_start", contentIndex: this.message.content.length - 1, partial: this.message });
    }
    this.calls.set(key, entry);
    if (id) this.calls.set(id, entry);
    if (!entry.block.id && id) entry.block.id = id;
    if (!entry.block.name && typeof fn.name === "string") entry.block.name = fn.name;
    const args = typeof fn.arguments === "string" ? fn.arguments : "";
    entry.args += args;
    this.stream.push({ type: "toolcall_delta", contentIndex: this.indexOf(entry.block), delta: args, partial: this.message });
  }

  /** The body ended: closes the blocks and ends the stream with `done`, or throws the reply's error. */
  finish(signal?: AbortSignal): void {
    const { message } = this;
    for (const block of message.content) {
      const contentIndex = this.indexOf(block);
      if (block.type === "text") this.stream.push({ type: "text_end", contentIndex, content: block.text, partial: message });
      else if (block.type === "thinking") this.stream.push({ type: "thinking_end", contentIndex, content: block.thinking, partial: message });
      else {
        const entry = [...this.calls.values()].find((candidate) => candidate.block === block);
        block.arguments = parseArguments(entry?.args ?? "");
        this.stream.push({ type: "toolcall_end", contentIndex, toolCall: block, partial: message });
      }
    }
    if (signal?.aborted) throw new Error("Request was aborted");
    if (message.stopReason === "error") throw new Error(message.errorMessage || "Provider returned an error stop reason");
    this.stream.push({ type: "done", reason: message.stopReason as "stop" | "length" | "toolUse", message });
  }

  /** Ends the stream with the error (`aborted` when the caller's signal fired). */
  fail(error: unknown, aborted: boolean): void {
    const { message } = this;
    message.stopReason = aborted ? "aborted" : "error";
    message.errorMessage = error instanceof Error ? error.message : JSON.stringify(error);
    if (error instanceof ReplyError && error.raw) message.errorMessage += `\n${error.raw}`;
    this.stream.push({ type: "error", reason: message.stopReason, error: message });
  }
}
