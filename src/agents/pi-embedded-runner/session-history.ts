/**
 * The history budget: which stored messages are replayed with a new turn. Only what fits the model's
 * context window is sent, newest first, so a long conversation costs the same per turn as a short one
 * that fills the window. No tokenizer: each entry carries a size-based estimate (see `estimateTokens`).
 *
 * Rule (documented in docs/performance.md): budget = context window − reserved output − system prompt −
 * the new message. Messages are taken from the newest backwards while they fit; the kept history then
 * starts at a user message, so a tool result or an assistant reply is never sent without the turn that
 * asked for it. The new message is always sent, even when it alone is larger than the budget.
 * Summarising the dropped turns (upstream's compaction) is out of scope.
 */

/** Bytes of JSON per estimated token. Real tokenizers give about 4 for English; 3 leaves headroom for code and non-Latin text. */
const BYTES_PER_TOKEN = 3;

/** Output tokens kept free for the reply, at most this share of the window. */
const MAX_OUTPUT_RESERVE_SHARE = 0.25;

/** Estimated tokens for a serialized size in bytes. */
export function estimateTokensFromBytes(bytes: number): number {
  return Math.ceil(bytes / BYTES_PER_TOKEN);
}

/** Estimated tokens a message costs on the wire, from its JSON size. */
export function estimateTokens(message: unknown): number {
  const json = typeof message === "string" ? message : JSON.stringify(message) ?? "";
  return estimateTokensFromBytes(Buffer.byteLength(json, "utf8"));
}

/** Tokens left for replayed history once the reply, the system prompt and the new message are accounted for. */
export function computeHistoryBudget(params: { contextWindow: number; maxTokens: number; systemPrompt: string; message: unknown }): number {
  const reserve = Math.min(params.maxTokens, Math.floor(params.contextWindow * MAX_OUTPUT_RESERVE_SHARE));
  const fixed = reserve + estimateTokens(params.systemPrompt) + estimateTokens(params.message);
  return Math.max(0, params.contextWindow - fixed);
}

export type HistoryCandidate = { message: unknown; tokens: number };

export type FittedHistory = {
  /** Messages to replay, oldest first. */
  messages: unknown[];
  /** Estimated tokens of `messages`. */
  tokens: number;
  /** Whether older messages were left out. */
  dropped: boolean;
};

function roleOf(message: unknown): unknown {
  return message && typeof message === "object" ? (message as { role?: unknown }).role : undefined;
}

/**
 * Takes messages newest first while they fit `budget`. The source is consumed lazily and abandoned at the
 * first message that does not fit, so a reader that walks a file backwards stops reading there too.
 */
export function fitHistory(newestFirst: Iterable<HistoryCandidate>, budget: number): FittedHistory {
  const kept: HistoryCandidate[] = [];
  let tokens = 0;
  let dropped = false;
  for (const candidate of newestFirst) {
    if (tokens + candidate.tokens > budget) {
      dropped = true;
      break;
    }
    kept.push(candidate);
    tokens += candidate.tokens;
  }
  // When the cut fell inside a turn, start at that turn's successor (its user message).
  if (dropped) {
    while (kept.length > 0 && roleOf(kept[kept.length - 1]?.message) !== "user") {
      tokens -= kept.pop()?.tokens ?? 0;
    }
  }
  const messages: unknown[] = [];
  for (let index = kept.length - 1; index >= 0; index--) messages.push(kept[index]?.message);
  return { messages, tokens, dropped };
}
