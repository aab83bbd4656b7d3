/**
 * A QR code drawn with Unicode half blocks (two modules per character cell), via `uqr`: zero
 * dependencies, bundled by esbuild. Returned only when it fits the terminal, since a wrapped QR code
 * cannot be scanned.
 */
import { encode, renderUnicodeCompact } from "uqr";

export type TerminalSize = { columns?: number; rows?: number };

/** Characters wide/tall the compact rendering needs: modules + a 2-module quiet zone on each side. */
export function qrFootprint(text: string): { columns: number; rows: number } {
  const { size } = encode(text, { ecc: "L", border: 2 });
  return { columns: size, rows: Math.ceil(size / 2) };
}

/** Rows kept free for the instructions printed around the QR code. */
const RESERVED_ROWS = 8;

/**
 * The QR code for `text`, or undefined when the terminal is unknown or too small (columns, and rows minus
 * room for the lines printed around it).
 */
export function renderQrIfFits(text: string, terminal: TerminalSize): string | undefined {
  if (!terminal.columns || !terminal.rows) return undefined;
  const needed = qrFootprint(text);
  if (needed.columns > terminal.columns || needed.rows + RESERVED_ROWS > terminal.rows) return undefined;
  return renderUnicodeCompact(text, { ecc: "L", border: 2 });
}
