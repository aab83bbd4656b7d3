/** Applying a TranscriptPolicy to stored messages before they are replayed. */
import type { TranscriptPolicy } from "./transcript-policy.js";

const BASE64_CHARS = /^[A-Za-z0-9+/=_-]+$/;

/** Valid base64 or base64url: decodes to at least one byte and re-encodes to the same text (padding aside). */
export function isValidBase64Signature(value: string): boolean {
  if (!value || !BASE64_CHARS.test(value)) return false;
  const urlSafe = value.includes("-") || value.includes("_");
  const bytes = Buffer.from(value, urlSafe ? "base64url" : "base64");
  if (bytes.length === 0) return false;
  const strip = (text: string) => text.replace(/=+$/, "");
  return strip(bytes.toString(urlSafe ? "base64url" : "base64")) === strip(value);
}

type Block = Record<string, unknown>;

function keepSignature(value: unknown, allowBase64Only: boolean): boolean {
  if (allowBase64Only) return typeof value === "string" && isValidBase64Signature(value);
  return !(typeof value === "string" && value.startsWith("msg_"));
}

function stripBlock(block: Block, opts: { allowBase64Only?: boolean; includeCamelCase?: boolean }): Block {
  const fields = opts.includeCamelCase ? ["thought_signature", "thoughtSignature"] : ["thought_signature"];
  let out = block;
  for (const field of fields) {
    if (field in out && !keepSignature(out[field], opts.allowBase64Only ?? false)) {
      const { [field]: _removed, ...rest } = out;
      out = rest;
    }
  }
  return out;
}

/** Removes thought signatures a Gemini proxy would reject from every content block. */
export function stripThoughtSignatures<T>(messages: readonly T[], opts: { allowBase64Only?: boolean; includeCamelCase?: boolean }): T[] {
  return messages.map((message) => {
    const content = (message as { content?: unknown }).content;
    if (!Array.isArray(content)) return message;
    const cleaned = content.map((block: unknown) => (block && typeof block === "object" ? stripBlock(block as Block, opts) : block));
    return { ...message, content: cleaned } as T;
  });
}

export function applyTranscriptPolicy<T>(messages: readonly T[], policy: TranscriptPolicy): T[] {
  let out = [...messages];
  if (policy.sanitizeThoughtSignatures) out = stripThoughtSignatures(out, policy.sanitizeThoughtSignatures);
  return out;
}
