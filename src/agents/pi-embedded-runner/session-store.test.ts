import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../../test/helpers/temp-state.js";
import { estimateTokens } from "./session-history.js";
import { SessionStore, parseSessionLine } from "./session-store.js";

const header = JSON.stringify({ type: "session", version: 1, id: "s", timestamp: "2026-01-01T00:00:00Z" });
const userLine = (text: string) => JSON.stringify({ type: "message", timestamp: "t", message: { role: "user", content: text, timestamp: 1 } });
const replyLine = (text: string) =>
  JSON.stringify({ type: "message", timestamp: "t", message: { role: "assistant", content: [{ type: "text", text }], stopReason: "stop", timestamp: 2 } });

const state = useTempState({ beforeEach, afterEach }, { mkdir: ["sessionsDir"] });

function sessionWith(text: string): { store: SessionStore; file: string } {
  const file = path.join(state().sessionsDir, "s.jsonl");
  writeFileSync(file, text);
  return { store: new SessionStore("s", state().env), file };
}

function texts(messages: unknown[]): string[] {
  return messages.map((message) => {
    const content = (message as { content: unknown }).content;
    return typeof content === "string" ? content : (content as { text: string }[])[0]?.text ?? "";
  });
}

describe("parseSessionLine", () => {
  it("accepts entries, skips blank lines and unknown entry kinds, rejects damage", () => {
    expect(parseSessionLine(userLine("hi"))).toMatchObject({ type: "message" });
    expect(parseSessionLine(`\uFEFF${header}`)).toMatchObject({ type: "session" });
    expect(parseSessionLine("   ")).toBe("skip");
    expect(parseSessionLine(JSON.stringify({ type: "model_change", provider: "x" }))).toBe("skip");
    for (const bad of ["null", "42", "[]", '"text"', "{}", '{"type":"mess', '{"type":"message","message":null}', '{"type":"message","message":{"role":"assistant","content":"flat"}}', '{"type":"message","message":{"role":"assistant","content":[null]}}', '{"type":"message","message":{"content":"no role"}}']) {
      expect(parseSessionLine(bad), bad).toBeUndefined();
    }
  });
});

describe("SessionStore: damaged files never lock the session", () => {
  it("a truncated last line is skipped with one warning, copied aside, and cut from the file", async () => {
    const original = `${header}\n${userLine("q1")}\n${replyLine("a1")}\n{"type":"message","timestamp":"t","mess`;
    const { store, file } = sessionWith(original);
    const history = await store.readHistory(100_000);
    expect(texts(history.messages)).toEqual(["q1", "a1"]);
    expect(history.warnings).toHaveLength(1);
    expect(history.warnings[0]).toMatch(/^Warning: session .*s\.jsonl: skipped 1 damaged line .*kept at .*s\.jsonl\.broken-/);
    expect(history.warnings[0]).not.toContain("\n");
    const backups = readdirSync(state().sessionsDir).filter((name) => name.startsWith("s.jsonl.broken-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(state().sessionsDir, backups[0] ?? ""), "utf8")).toBe(original);
    expect(readFileSync(file, "utf8")).toBe(`${header}\n${userLine("q1")}\n${replyLine("a1")}\n`);
    // Repaired: the next read is quiet.
    expect((await store.readHistory(100_000)).warnings).toEqual([]);
  });

  it("skips null and wrong-shape lines in the middle, keeping the lines around them", async () => {
    const { store, file } = sessionWith(
      [header, userLine("q1"), "null", replyLine("a1"), '{"type":"message","message":{"role":"user"}}', userLine("q2"), replyLine("a2"), ""].join("\n"),
    );
    const history = await store.readHistory(100_000);
    expect(texts(history.messages)).toEqual(["q1", "a1", "q2", "a2"]);
    expect(history.warnings[0]).toContain("skipped 2 damaged lines");
    expect(readFileSync(file, "utf8")).toBe([header, userLine("q1"), replyLine("a1"), userLine("q2"), replyLine("a2"), ""].join("\n"));
  });

  it("cuts exactly the damaged lines' bytes whatever the chunk size, around multi-byte text", async () => {
    const lines = [header, userLine("q1 ü€😀"), '{"type":"message","mess ü€', replyLine("a1 😀".repeat(40)), "null", userLine("q2"), replyLine("a2 é")];
    const repaired = [header, userLine("q1 ü€😀"), replyLine("a1 😀".repeat(40)), userLine("q2"), replyLine("a2 é"), ""].join("\n");
    for (const chunkBytes of [1, 3, 97, 65_536]) {
      const { store, file } = sessionWith(`${lines.join("\n")}\n`);
      const history = await store.readHistory(100_000, { chunkBytes });
      expect(texts(history.messages), `chunk ${chunkBytes}`).toEqual(["q1 ü€😀", "a1 😀".repeat(40), "q2", "a2 é"]);
      expect(history.warnings[0]).toContain("skipped 2 damaged lines");
      expect(readFileSync(file, "utf8"), `chunk ${chunkBytes}`).toBe(repaired);
    }
  });

  it("keeps lines apart around invalid UTF-8, even a cut-off character just before a newline", async () => {
    // A reply whose text holds an invalid byte, then a damaged line ending in half a character.
    const before = Buffer.from(`${header}\n${userLine("q1")}\n`);
    const [replyStart, replyEnd] = replyLine("a1 @").split("@") as [string, string];
    const invalid = Buffer.concat([Buffer.from(replyStart), Buffer.from([0xff]), Buffer.from(`${replyEnd}\n`)]);
    const damaged = Buffer.concat([Buffer.from(userLine("q2")), Buffer.from([0xe2, 0x82, 0x0a])]);
    const after = Buffer.from(`${userLine("q3")}\n${replyLine("a3 €")}\n`);
    for (const chunkBytes of [1, 5, 64, 65_536]) {
      const file = path.join(state().sessionsDir, "s.jsonl");
      writeFileSync(file, Buffer.concat([before, invalid, damaged, after]));
      const store = new SessionStore("s", state().env);
      const history = await store.readHistory(100_000, { chunkBytes });
      expect(texts(history.messages), `chunk ${chunkBytes}`).toEqual(["q1", "a1 \uFFFD", "q3", "a3 €"]);
      expect(history.warnings[0]).toContain("skipped 1 damaged line");
      // Exactly the damaged line is gone (the rewrite stores the invalid byte as U+FFFD, as it always did).
      expect(readFileSync(file, "utf8"), `chunk ${chunkBytes}`).toBe(Buffer.concat([before, invalid, after]).toString("utf8"));
    }
  });

  it("reads a file that starts with a byte order mark, without a warning", async () => {
    const { store } = sessionWith(`\uFEFF${header}\n${userLine("q1")}\n${replyLine("a1")}\n`);
    const history = await store.readHistory(100_000);
    expect(texts(history.messages)).toEqual(["q1", "a1"]);
    expect(history.warnings).toEqual([]);
  });

  it("a BOM on the first message line is read too", async () => {
    const { store } = sessionWith(`\uFEFF${userLine("q1")}\n${replyLine("a1")}\n`);
    expect(texts((await store.readHistory(100_000)).messages)).toEqual(["q1", "a1"]);
  });

  it("appending after a line without a final newline starts a new line", async () => {
    const { store, file } = sessionWith(`${header}\n${userLine("q1")}`);
    await store.append([{ type: "message", timestamp: "t", message: { role: "assistant", content: [{ type: "text", text: "a1" }] } }]);
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(texts((await store.readHistory(100_000)).messages)).toEqual(["q1", "a1"]);
  });

  it("a session file that cannot be read is a session error naming the file", async () => {
    mkdirSync(path.join(state().sessionsDir, "d.jsonl"));
    const store = new SessionStore("d", state().env);
    await expect(store.readHistory(1000)).rejects.toMatchObject({ code: "SESSION_UNREADABLE", message: expect.stringContaining("d.jsonl") });
  });
});

describe("SessionStore.append", () => {
  it("writes a header once, and a token estimate with every message", async () => {
    const store = new SessionStore("fresh", state().env);
    const message = { role: "user", content: "hello there", timestamp: 1 };
    await store.append([{ type: "message", timestamp: "t", message }]);
    await store.append([{ type: "message", timestamp: "t", message }]);
    const entries = readFileSync(store.file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((entry) => entry.type)).toEqual(["session", "message", "message"]);
    expect(entries[1]?.tokens).toBe(estimateTokens(message));
  });
});

describe("SessionStore: links and special files", () => {
  it("refuses to append through a symlinked session file, leaving its target untouched", async () => {
    const { symlinkSync } = await import("node:fs");
    const target = path.join(state().root, "elsewhere.jsonl");
    writeFileSync(target, "");
    symlinkSync(target, path.join(state().sessionsDir, "s.jsonl"));
    const store = new SessionStore("s", state().env);
    await expect(store.append([{ type: "custom", customType: "x", data: 1 }])).rejects.toThrow(`Refusing to write ${store.file}: it is a symbolic link`);
    expect(readFileSync(target, "utf8")).toBe("");
  });

  it("refuses a FIFO at the session path instead of waiting for a writer", async () => {
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [path.join(state().sessionsDir, "s.jsonl")]);
    const store = new SessionStore("s", state().env);
    await expect(store.readHistory(1_000)).rejects.toThrow(`Cannot read session ${store.file}: not a regular file`);
  });
});
