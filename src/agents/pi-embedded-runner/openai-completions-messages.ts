/**
 * A stored transcript as Chat Completions `messages`, the way OpenClaw has always sent it (through pi-ai
 * until our own transport): the same roles, the same content shapes, the same repairs. Pure.
 *
 * The repairs, in order:
 * - images become a placeholder text for a model without image input (one placeholder per run of images);
 * - replies from another model keep their text, turn their reasoning into text, lose thought signatures,
 *   and get tool call ids the OpenAI family accepts; failed or aborted replies are not replayed;
 * - a tool call that never got a result gets a synthetic error result, so the gateway sees a closed turn.
 */
import type { AssistantMessage, Context, ImageContent, Message, Model as PiModel, TextContent, ToolCall, ToolResultMessage } from "@mariozechner/pi-ai";
import type { CompletionsCompat } from "./openai-completions-compat.js";

type WireMessage = Record<string, unknown> & { role: string; content?: unknown };

const USER_IMAGE_PLACEHOLDER = "(image omitted: model does not support images)";
const TOOL_IMAGE_PLACEHOLDER = "(tool image omitted: model does not support images)";
const TOOL_BRIDGE_TEXT = "I have processed the tool results.";
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Lone UTF-16 surrogates make invalid JSON for many gateways; paired ones (emoji) stay. */
export function dropUnpairedSurrogates(text: string): string {
  // Most text has no surrogate at all: one plain scan instead of the lookaround pattern.
  return ANY_SURROGATE.test(text) ? text.replace(UNPAIRED_SURROGATE, "") : text;
}

function withoutImages<T extends TextContent | ImageContent>(content: readonly T[], placeholder: string): T[] {
  const out: T[] = [];
  let afterPlaceholder = false;
  for (const block of content) {
    if (block.type === "image") {
      if (!afterPlaceholder) out.push({ type: "text", text: placeholder } as T);
      afterPlaceholder = true;
    } else {
      out.push(block);
      afterPlaceholder = (block as TextContent).text === placeholder;
    }
  }
  return out;
}

/** A tool call id from another API, in the form OpenAI-style gateways accept. */
function wireToolCallId(id: string, provider: string): string {
  if (id.includes("|")) return id.split("|")[0]!.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 40);
  return provider === "openai" && id.length > 40 ? id.slice(0, 40) : id;
}

/** One stored reply as this model should see it (another model's reasoning becomes plain text). */
function adaptReply(reply: AssistantMessage, model: PiModel<string>, renamed: Map<string, string>): AssistantMessage {
  const sameModel = reply.provider === model.provider && reply.api === model.api && reply.model === model.id;
  // This model's own replies go back as they are, except for empty reasoning (dropped below).
  if (sameModel && !reply.content.some((block) => block.type === "thinking")) return reply;
  const content = reply.content.flatMap((block): AssistantMessage["content"] => {
    switch (block.type) {
      case "thinking":
        if (block.redacted) return sameModel ? [block] : [];
        if (sameModel && block.thinkingSignature) return [block];
        if (!block.thinking || block.thinking.trim() === "") return [];
        return sameModel ? [block] : [{ type: "text", text: block.thinking }];
      case "text":
        return sameModel ? [block] : [{ type: "text", text: block.text }];
      case "toolCall": {
        if (sameModel) return [block];
        const { thoughtSignature: _dropped, ...call } = block;
        const id = wireToolCallId(block.id, model.provider);
        if (id !== block.id) renamed.set(block.id, id);
        return [{ ...call, id }];
      }
      default:
        return [block];
    }
  });
  return { ...reply, content };
}

/**
 * The transcript after the repairs listed at the top of this file, and whether the stored one holds tool
 * calls or results (failed replies included: some proxies then want a `tools` field).
 */
export function repairTranscript(messages: readonly Message[], model: PiModel<string>): { transcript: Message[]; toolHistory: boolean } {
  const images = model.input.includes("image");
  let toolHistory = false;
  const renamed = new Map<string, string>();
  const out: Message[] = [];
  let openCalls: ToolCall[] = [];
  let answered = new Set<string>();
  const closeOpenCalls = () => {
    for (const call of openCalls) {
      if (answered.has(call.id)) continue;
      out.push({ role: "toolResult", toolCallId: call.id, toolName: call.name, content: [{ type: "text", text: "No result provided" }], isError: true, timestamp: Date.now() });
    }
    openCalls = [];
    answered = new Set();
  };
  for (const stored of messages) {
    if (stored.role === "user") {
      closeOpenCalls();
      out.push(!images && Array.isArray(stored.content) ? { ...stored, content: withoutImages(stored.content, USER_IMAGE_PLACEHOLDER) } : stored);
    } else if (stored.role === "toolResult") {
      toolHistory = true;
      const id = renamed.get(stored.toolCallId);
      let result: ToolResultMessage = id && id !== stored.toolCallId ? { ...stored, toolCallId: id } : stored;
      if (!images) result = { ...result, content: withoutImages(result.content, TOOL_IMAGE_PLACEHOLDER) };
      answered.add(result.toolCallId);
      out.push(result);
    } else if (stored.role === "assistant") {
      closeOpenCalls();
      // Adapted first: a failed reply is not replayed, but the ids of its tool calls are still renamed.
      const reply = adaptReply(stored, model, renamed);
      const calls = reply.content.filter((block): block is ToolCall => block.type === "toolCall");
      if (calls.length > 0) toolHistory = true;
      if (stored.stopReason === "error" || stored.stopReason === "aborted") continue;
      if (calls.length > 0) openCalls = calls;
      out.push(reply);
    } else {
      out.push(stored);
    }
  }
  closeOpenCalls();
  return { transcript: out, toolHistory };
}

function assistantWireMessage(reply: AssistantMessage, model: PiModel<string>, compat: CompletionsCompat): WireMessage | undefined {
  const message: WireMessage = { role: "assistant", content: compat.requiresAssistantAfterToolResult ? "" : null };
  const textParts = reply.content
    .filter((block): block is TextContent => block.type === "text" && block.text.trim().length > 0)
    .map((block) => ({ type: "text", text: dropUnpairedSurrogates(block.text) }));
  const text = textParts.map((part) => part.text).join("");
  const thoughts = reply.content.filter((block) => block.type === "thinking" && block.thinking.trim().length > 0) as { thinking: string; thinkingSignature?: string }[];
  if (thoughts.length > 0 && compat.requiresThinkingAsText) {
    message.content = [{ type: "text", text: thoughts.map((block) => dropUnpairedSurrogates(block.thinking)).join("\n\n") }, ...textParts];
  } else {
    // Plain string content: some models mirror an array of text parts back literally.
    if (text.length > 0) message.content = text;
    // llama.cpp-style servers name the field the reasoning came in (reasoning_content, reasoning...).
    const field = thoughts[0]?.thinkingSignature;
    if (field) message[field] = thoughts.map((block) => block.thinking).join("\n");
  }
  const calls = reply.content.filter((block): block is ToolCall => block.type === "toolCall");
  if (calls.length > 0) {
    message.tool_calls = calls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
    const details = calls.flatMap((call) => {
      if (!call.thoughtSignature) return [];
      try {
        const parsed: unknown = JSON.parse(call.thoughtSignature);
        return parsed ? [parsed] : [];
      } catch {
        return [];
      }
    });
    if (details.length > 0) message.reasoning_details = details;
  }
  if (compat.requiresReasoningContentOnAssistantMessages && model.reasoning && message.reasoning_content === undefined) message.reasoning_content = "";
  const content = message.content;
  const empty = content === null || content === undefined || (content as string | unknown[]).length === 0;
  return empty && !message.tool_calls ? undefined : message;
}

/** The `messages` array of a Chat Completions request, and whether the transcript holds tool use. */
export function toWireMessages(model: PiModel<string>, context: Context, compat: CompletionsCompat): { messages: WireMessage[]; toolHistory: boolean } {
  const { transcript, toolHistory } = repairTranscript(context.messages, model);
  const out: WireMessage[] = [];
  if (context.systemPrompt) {
    out.push({ role: model.reasoning && compat.supportsDeveloperRole ? "developer" : "system", content: dropUnpairedSurrogates(context.systemPrompt) });
  }
  const images = model.input.includes("image");
  let lastRole: string | undefined;
  for (let index = 0; index < transcript.length; index++) {
    const message = transcript[index]!;
    if (compat.requiresAssistantAfterToolResult && lastRole === "toolResult" && message.role === "user") out.push({ role: "assistant", content: TOOL_BRIDGE_TEXT });
    if (message.role === "user") {
      if (typeof message.content === "string") {
        out.push({ role: "user", content: dropUnpairedSurrogates(message.content) });
      } else {
        if (message.content.length === 0) continue;
        out.push({
          role: "user",
          content: message.content.map((part) =>
            part.type === "text" ? { type: "text", text: dropUnpairedSurrogates(part.text) } : { type: "image_url", image_url: { url: `data:${part.mimeType};base64,${part.data}` } },
          ),
        });
      }
    } else if (message.role === "assistant") {
      const wire = assistantWireMessage(message, model, compat);
      if (!wire) continue;
      out.push(wire);
    } else if (message.role === "toolResult") {
      // A run of tool results goes out together; their images follow in one user message.
      const attached: unknown[] = [];
      for (; index < transcript.length && transcript[index]!.role === "toolResult"; index++) {
        const result = transcript[index] as ToolResultMessage;
        const text = result.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");
        const wire: WireMessage = { role: "tool", content: dropUnpairedSurrogates(text.length > 0 ? text : "(see attached image)"), tool_call_id: result.toolCallId };
        if (compat.requiresToolResultName && result.toolName) wire.name = result.toolName;
        out.push(wire);
        if (images) {
          for (const part of result.content) if (part.type === "image") attached.push({ type: "image_url", image_url: { url: `data:${part.mimeType};base64,${part.data}` } });
        }
      }
      index--;
      if (attached.length > 0) {
        if (compat.requiresAssistantAfterToolResult) out.push({ role: "assistant", content: TOOL_BRIDGE_TEXT });
        out.push({ role: "user", content: [{ type: "text", text: "Attached image(s) from tool result:" }, ...attached] });
        lastRole = "user";
      } else {
        lastRole = "toolResult";
      }
      continue;
    }
    lastRole = message.role;
  }
  return { messages: out, toolHistory };
}
