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

/** The most bytes of stored messages that `tokens` can take (the estimate, inverted). */
export function bytesForTokens(tokens: number): number {
  return tokens * BYTES_PER_TOKEN;
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
 * Takes messages newest first while they fit a budget: offer each older message in turn until `offer`
 * returns false, then read the `result`. A reader that walks a file backwards stops reading there too.
 */
export class HistoryFitter {
  private readonly messages: unknown[] = [];
  private readonly sizes: number[] = [];
  private tokens = 0;
  private dropped = false;

  constructor(private readonly budget: number) {}

  /** Keeps `message` (the next older one) if it fits; false once it does not, and nothing more is taken. */
  offer(message: unknown, tokens: number): boolean {
    if (this.dropped) return false;
    if (this.tokens + tokens > this.budget) {
      this.dropped = true;
      return false;
    }
    this.messages.push(message);
    this.sizes.push(tokens);
    this.tokens += tokens;
    return true;
  }

  result(): FittedHistory {
    const { messages, sizes } = this;
    let count = messages.length;
    let tokens = this.tokens;
    // When the cut fell inside a turn, start at that turn's successor (its user message).
    if (this.dropped) {
      while (count > 0 && roleOf(messages[count - 1]) !== "user") tokens -= sizes[--count] ?? 0;
    }
    const oldestFirst = new Array<unknown>(count);
    for (let index = 0; index < count; index++) oldestFirst[index] = messages[count - 1 - index];
    return { messages: oldestFirst, tokens, dropped: this.dropped };
  }
}

/** `HistoryFitter` over a source of candidates, newest first; the source is abandoned at the first misfit. */
export function fitHistory(newestFirst: Iterable<HistoryCandidate>, budget: number): FittedHistory {
  const fitter = new HistoryFitter(budget);
  for (const candidate of newestFirst) {
    if (!fitter.offer(candidate.message, candidate.tokens)) break;
  }
  return fitter.result();
}
