import { describe, expect, it } from "vitest";
import { canOpenBrowser } from "./open-browser.js";
import { qrFootprint, renderQrIfFits } from "./qr-terminal.js";

describe("renderQrIfFits", () => {
  const url = "https://app.kilo.ai/device-auth?code=ABCD-1234";
  it("draws the code when the terminal is big enough, nothing otherwise", () => {
    const size = qrFootprint(url);
    const qr = renderQrIfFits(url, { columns: 120, rows: 60 });
    expect(qr?.split("\n")).toHaveLength(size.rows);
    expect(qr?.split("\n").every((line) => line.length === size.columns)).toBe(true);
    expect(renderQrIfFits(url, { columns: size.columns - 1, rows: 60 })).toBeUndefined();
    expect(renderQrIfFits(url, { columns: 120, rows: size.rows + 2 })).toBeUndefined();
    expect(renderQrIfFits(url, {})).toBeUndefined();
  });
});

describe("canOpenBrowser", () => {
  it("only with a desktop: macOS, or DISPLAY / WAYLAND_DISPLAY", () => {
    expect(canOpenBrowser({}, "darwin")).toBe(true);
    expect(canOpenBrowser({}, "linux")).toBe(false);
    expect(canOpenBrowser({ DISPLAY: ":0" }, "linux")).toBe(true);
    expect(canOpenBrowser({ WAYLAND_DISPLAY: "wayland-0" }, "linux")).toBe(true);
    expect(canOpenBrowser({ DISPLAY: " " }, "linux")).toBe(false);
  });
});
