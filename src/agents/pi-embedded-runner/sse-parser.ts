/**
 * Server-sent events, parsed from decoded text as it arrives. Each piece of text is scanned once, left to
 * right; only an unfinished last line is kept (and it is rare: the reply guard hands on whole lines).
 * Lines end with LF, CRLF or CR (a CR at the end of one piece and an LF at the start of the next are one
 * line end). `data:` lines of one event are joined with "\n"; a blank line dispatches the event; comment
 * lines (":") and unknown fields are ignored. At the end of the stream a pending event is dispatched
 * even without its blank line, so a reply whose last event lost its final newline still counts.
 */

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;

export type SseEventHandler = (data: string, event: string) => void;

export class SseParser {
  private partial = "";
  private afterCr = false;
  private data = "";
  private hasData = false;
  private event = "";

  constructor(private readonly onEvent: SseEventHandler) {}

  push(piece: string): void {
    let text = piece;
    if (this.partial) {
      text = this.partial + text;
      this.partial = "";
    }
    let start = 0;
    if (this.afterCr) {
      this.afterCr = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    const length = text.length;
    let lf = text.indexOf("\n", start);
    let cr = text.indexOf("\r", start);
    while (start < length) {
      // Remember the next LF and the next CR, so a stream with one kind of terminator stays linear.
      if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
      if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr);
      if (end === -1) break;
      this.line(text, start, end);
      start = end + 1;
      if (text.charCodeAt(end) === CR) {
        if (start === length) this.afterCr = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
    }
    if (start < length) this.partial = text.slice(start);
  }

  /** The stream ended: a last line without its terminator, and an event without its blank line, count. */
  end(): void {
    if (this.partial) {
      const last = this.partial;
      this.partial = "";
      this.line(last, 0, last.length);
    }
    this.afterCr = false;
    this.dispatch();
  }

  private line(text: string, start: number, end: number): void {
    if (start === end) return this.dispatch();
    if (text.startsWith("data:", start)) {
      const valueStart = text.charCodeAt(start + 5) === SPACE && start + 5 < end ? start + 6 : start + 5;
      const value = text.slice(valueStart, end);
      this.data = this.hasData ? `${this.data}\n${value}` : value;
      this.hasData = true;
      return;
    }
    if (text.charCodeAt(start) === COLON) return;
    if (text.startsWith("event:", start)) {
      const valueStart = text.charCodeAt(start + 6) === SPACE && start + 6 < end ? start + 7 : start + 6;
      this.event = text.slice(valueStart, end);
    }
  }

  private dispatch(): void {
    if (this.hasData) {
      const { data, event } = this;
      this.data = "";
      this.hasData = false;
      this.event = "";
      this.onEvent(data, event);
      return;
    }
    this.event = "";
  }
}
