import { describe, expect, it } from "vitest";
import { resolveTranscriptPolicy } from "./transcript-policy.js";
import { applyTranscriptPolicy, isValidBase64Signature, stripThoughtSignatures } from "./transcript-sanitize.js";

describe("isValidBase64Signature", () => {
  it("accepts base64 and base64url, rejects the rest", () => {
    expect(isValidBase64Signature(Buffer.from("signature bytes").toString("base64"))).toBe(true);
    expect(isValidBase64Signature(Buffer.from([251, 255, 190]).toString("base64url"))).toBe(true);
    expect(isValidBase64Signature("msg_01abc")).toBe(false);
    expect(isValidBase64Signature('{"type":"x"}')).toBe(false);
    expect(isValidBase64Signature("")).toBe(false);
    expect(isValidBase64Signature("a")).toBe(false);
  });
});

describe("stripThoughtSignatures", () => {
  const good = Buffer.from("gemini-signature").toString("base64");
  const message = {
    role: "assistant",
    content: [
      { type: "toolCall", id: "1", thoughtSignature: "msg_claude" },
      { type: "toolCall", id: "2", thoughtSignature: good },
      { type: "text", text: "hi", thought_signature: "not base64!" },
    ],
  };

  it("with allowBase64Only, removes every non-base64 signature (camelCase too)", () => {
    const [out] = stripThoughtSignatures([message], { allowBase64Only: true, includeCamelCase: true });
    expect(out?.content).toEqual([{ type: "toolCall", id: "1" }, { type: "toolCall", id: "2", thoughtSignature: good }, { type: "text", text: "hi" }]);
    expect(message.content[0]).toHaveProperty("thoughtSignature");
  });

  it("without allowBase64Only, removes only msg_ values, and camelCase only when asked", () => {
    const [snake] = stripThoughtSignatures([message], {});
    expect(snake?.content[2]).toHaveProperty("thought_signature");
    expect(snake?.content[0]).toHaveProperty("thoughtSignature", "msg_claude");
    const [camel] = stripThoughtSignatures([message], { includeCamelCase: true });
    expect(camel?.content[0]).not.toHaveProperty("thoughtSignature");
  });

  it("applyTranscriptPolicy strips for kilocode Gemini and keeps for kilocode Claude", () => {
    const gemini = applyTranscriptPolicy([message], resolveTranscriptPolicy({ provider: "kilocode", modelId: "google/gemini-3-pro-preview" }));
    expect(JSON.stringify(gemini)).not.toContain("msg_claude");
    const claude = applyTranscriptPolicy([message], resolveTranscriptPolicy({ provider: "kilocode", modelId: "anthropic/claude-opus-4.6" }));
    expect(JSON.stringify(claude)).toContain("msg_claude");
  });
});
