/**
 * The stream of reply events a transport hands back: the producer pushes events, one reader takes them
 * with `for await`, and `result()` resolves with the final message. It honours the contract of pi-ai's
 * AssistantMessageEventStream (final message from the `done` or `error` event; nothing accepted after it)
 * without loading pi-ai at run time: pi-ai's modules that hold that class also pull in provider SDKs.
 */
import type { AssistantMessage, AssistantMessageEvent } from "@mariozechner/pi-ai";

/** What `streamAttempt` reads from any transport (pi-ai's streams and ours alike). */
export type ReplyStream = AsyncIterable<AssistantMessageEvent> & { result(): Promise<AssistantMessage> };

const FINISHED: IteratorReturnResult<undefined> = { done: true, value: undefined };

export class ReplyEventStream implements ReplyStream {
  private events: AssistantMessageEvent[] = [];
  /** Index of the next event to hand out; the array is emptied whenever the reader catches up. */
  private next = 0;
  private closed = false;
  private wake: (() => void) | undefined;
  private settle!: (message: AssistantMessage) => void;
  private readonly final = new Promise<AssistantMessage>((resolve) => {
    this.settle = resolve;
  });

  push(event: AssistantMessageEvent): void {
    if (this.closed) return;
    if (event.type === "done" || event.type === "error") {
      this.closed = true;
      this.settle(event.type === "done" ? event.message : event.error);
    }
    this.events.push(event);
    this.wakeReader();
  }

  /** Ends the stream without a final event (the reader stops once it has taken what is queued). */
  end(): void {
    this.closed = true;
    this.wakeReader();
  }

  result(): Promise<AssistantMessage> {
    return this.final;
  }

  [Symbol.asyncIterator](): AsyncIterator<AssistantMessageEvent> {
    // A plain iterator object: no async generator frame per event.
    return { next: () => this.take() };
  }

  private wakeReader(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private take(): Promise<IteratorResult<AssistantMessageEvent>> {
    if (this.next < this.events.length) {
      const value = this.events[this.next++]!;
      if (this.next === this.events.length) {
        this.events = [];
        this.next = 0;
      }
      return Promise.resolve({ done: false, value });
    }
    if (this.closed) return Promise.resolve(FINISHED);
    return new Promise((resolve) => {
      this.wake = () => resolve(this.take());
    });
  }
}
