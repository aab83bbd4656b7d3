import { afterEach, describe, expect, it } from "vitest";
import { clearRegisteredSecrets, isHeaderSafeSecret, neutralizeControlChars, redact, registerSecret } from "./redact.js";

afterEach(() => clearRegisteredSecrets());

describe("redact", () => {
  it("replaces every registered secret, also JSON-escaped and URL-encoded", () => {
    registerSecret('my-key"with/odd+chars');
    expect(redact('a my-key"with/odd+chars b')).toBe("a *** b");
    expect(redact(JSON.stringify({ key: 'my-key"with/odd+chars' }))).toBe('{"key":"***"}');
    expect(redact(`u?k=${encodeURIComponent('my-key"with/odd+chars')}`)).toBe("u?k=***");
  });

  it("replaces the longest secret first and ignores values too short to be secrets", () => {
    registerSecret("abcdef");
    registerSecret("abcdef-longer");
    registerSecret("abc");
    expect(redact("abcdef-longer abcdef abc")).toBe("*** *** abc");
  });

  it("masks Authorization values and sk- keys it was never told about", () => {
    expect(redact("Authorization: Bearer tok.en-123")).toBe("Authorization: Bearer ***");
    expect(redact('{"authorization":"Basic dXNlcjpwYXNz"}')).toBe('{"authorization":"Basic ***"}');
    expect(redact("key sk-or-v1-0123456789abcdef")).toBe("key sk-***");
    expect(redact('{"api_key": "abcdef123456"}')).toBe('{"api_key": "***"}');
    expect(redact("nothing secret here")).toBe("nothing secret here");
  });
});

describe("neutralizeControlChars", () => {
  it("shows ESC, BEL, CR and the C1 range instead of executing them, keeping newline and tab", () => {
    expect(neutralizeControlChars("a\u001b]0;t\u0007b")).toBe("a\u241b]0;t\u2407b");
    expect(neutralizeControlChars("x\u009b31m\u007f")).toBe("x\ufffd31m\ufffd");
    expect(neutralizeControlChars("line\r\nnext\tcol\rover")).toBe("line\nnext\tcol\u240dover");
    expect(neutralizeControlChars("plain ünïcode ✓")).toBe("plain ünïcode ✓");
  });
});

describe("isHeaderSafeSecret", () => {
  it("accepts printable ASCII only", () => {
    expect(isHeaderSafeSecret("sk-kilo-abc_123.XYZ")).toBe(true);
    for (const bad of ["a\nb", "a\u0000b", "a\rb", "a\u001bb", "kéy", "“quoted”"]) expect(isHeaderSafeSecret(bad)).toBe(false);
  });
});
