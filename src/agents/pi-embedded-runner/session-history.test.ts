import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../../test/helpers/temp-state.js";
import { computeHistoryBudget, estimateTokens, fitHistory, type HistoryCandidate } from "./session-history.js";
import { SessionStore } from "./session-store.js";

const user = (text: string) => ({ role: "user", content: text, timestamp: 1 });
const assistant = (text: string) => ({ role: "assistant", content: [{ type: "text", text }], stopReason: "stop", timestamp: 2 });
const toolResult = (text: string) => ({ role: "toolResult", toolCallId: "c1", content: [{ type: "text", text }], timestamp: 3 });

function candidates(messages: unknown[], tokens = 10): HistoryCandidate[] {
  return messages.map((message) => ({ message, tokens })).reverse();
}

describe("fitHistory", () => {
  const conversation = [user("u1"), assistant("a1"), user("u2"), assistant("a2"), user("u3"), assistant("a3")];

  it("keeps everything, oldest first, when it all fits", () => {
    const fitted = fitHistory(candidates(conversation), 60);
    expect(fitted).toEqual({ messages: conversation, tokens: 60, dropped: false });
  });

  it("keeps the newest whole turns and drops the older ones", () => {
    const fitted = fitHistory(candidates(conversation), 45);
    expect(fitted.messages).toEqual([user("u2"), assistant("a2"), user("u3"), assistant("a3")]);
    expect(fitted.tokens).toBe(40);
    expect(fitted.dropped).toBe(true);
  });

  it("never starts the kept history with an assistant reply or a tool result cut from its turn", () => {
    const withTool = [user("u1"), assistant("call"), toolResult("r"), assistant("a1"), user("u2"), assistant("a2")];
    // 35 tokens would fit toolResult + a1 + u2 + a2 minus one; the orphaned tail of turn 1 is dropped too.
    const fitted = fitHistory(candidates(withTool), 35);
    expect(fitted.messages).toEqual([user("u2"), assistant("a2")]);
    expect(fitted.tokens).toBe(20);
  });

  it("sends no history when even the newest message does not fit", () => {
    expect(fitHistory(candidates(conversation), 5)).toEqual({ messages: [], tokens: 0, dropped: true });
  });

  it("stops pulling from the source at the first message that does not fit", () => {
    let pulled = 0;
    function* source(): Generator<HistoryCandidate> {
      for (const candidate of candidates(conversation)) {
        pulled++;
        yield candidate;
      }
    }
    fitHistory(source(), 25);
    expect(pulled).toBe(3);
  });
});

describe("computeHistoryBudget", () => {
  it("takes the reply reserve, the system prompt and the new message off the context window", () => {
    const message = user("x".repeat(3000));
    const budget = computeHistoryBudget({ contextWindow: 200_000, maxTokens: 8192, systemPrompt: "sys", message });
    expect(budget).toBe(200_000 - 8192 - estimateTokens("sys") - estimateTokens(message));
  });

  it("reserves at most a quarter of the window for the reply", () => {
    expect(computeHistoryBudget({ contextWindow: 1000, maxTokens: 1000, systemPrompt: "", message: "" })).toBe(1000 - 250);
  });

  it("is zero, not negative, when the new message alone fills the window: the message is still sent, without history", () => {
    const huge = user("y".repeat(30_000));
    expect(computeHistoryBudget({ contextWindow: 4000, maxTokens: 500, systemPrompt: "sys", message: huge })).toBe(0);
    expect(fitHistory(candidates([user("old"), assistant("old")]), 0).messages).toEqual([]);
  });

  it("estimates from the UTF-8 size, so non-Latin text is not undercounted", () => {
    expect(estimateTokens("é".repeat(300))).toBeGreaterThan(estimateTokens("e".repeat(300)));
  });
});

describe("SessionStore.readHistory (tail read)", () => {
  const tempState = useTempState({ beforeEach, afterEach });

  function writeSession(id: string, lines: unknown[]): SessionStore {
    const dir = path.join(tempState().stateDir, "agents", "main", "sessions");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${id}.jsonl`), lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
    return new SessionStore(id, tempState().env);
  }

  /** A mixed transcript: varied sizes, multi-byte text, custom entries, some entries without a stored estimate. */
  function transcript(turns: number): unknown[] {
    const lines: unknown[] = [{ type: "session", version: 1, id: "t", timestamp: "2026-01-01T00:00:00Z" }];
    for (let turn = 0; turn < turns; turn++) {
      const question = user(`question ${turn} ${"ü€😀".repeat(turn % 7)}${"x".repeat((turn * 37) % 500)}`);
      const answer = assistant(`answer ${turn} ${"y".repeat((turn * 91) % 900)}`);
      const stored = turn % 3 !== 0;
      lines.push({ type: "message", timestamp: "t", message: question, ...(stored ? { tokens: estimateTokens(question) } : {}) });
      lines.push({ type: "message", timestamp: "t", message: answer, ...(stored ? { tokens: estimateTokens(answer) } : {}) });
      if (turn % 5 === 0) lines.push({ type: "custom", customType: "openclaw.cache-ttl", data: { timestamp: turn } });
    }
    return lines;
  }

  /** The same selection made from a plain forward parse of the whole file. */
  function fromFullParse(store: SessionStore, budget: number) {
    const lines = transcript(200).filter((line) => (line as { type: string }).type === "message") as { message: unknown; tokens?: number }[];
    const all = lines.map((line) => ({ message: line.message, tokens: line.tokens ?? Math.ceil(Buffer.byteLength(JSON.stringify(line)) / 3) }));
    expect(store.readMessages()).toEqual(all.map((entry) => entry.message));
    return fitHistory([...all].reverse(), budget);
  }

  it("gives the same messages as a full parse, for any budget and chunk size", async () => {
    const store = writeSession("t", transcript(200));
    for (const budget of [0, 50, 1_000, 7_777, 40_000, Number.MAX_SAFE_INTEGER]) {
      const expected = fromFullParse(store, budget);
      for (const chunkBytes of [2, 97, 4096, 1 << 20]) {
        const tail = await store.readHistory(budget, { chunkBytes });
        expect({ messages: tail.messages, tokens: tail.tokens, dropped: tail.dropped }).toEqual(expected);
        expect(tail.warnings).toEqual([]);
      }
    }
  });

  it("an unlimited budget replays the whole session", async () => {
    const store = writeSession("t", transcript(20));
    const tail = await store.readHistory(Number.MAX_SAFE_INTEGER);
    expect(tail.messages).toEqual(store.readMessages());
    expect(tail.messages).toHaveLength(40);
    expect(tail.dropped).toBe(false);
  });

  it("a missing session is empty", async () => {
    const store = new SessionStore("none", tempState().env);
    expect(await store.readHistory(1000)).toEqual({ messages: [], tokens: 0, dropped: false, alreadyNoted: false, warnings: [] });
  });
});
