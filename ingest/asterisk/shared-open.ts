import { waitWithin } from "./wait-within";

/**
 * A connection's opening, shared by whoever asks while it runs: one attempt at a time, under its
 * own timeout rather than the first caller's deadline, each caller waiting under its own signal
 * (so one caller giving up fails no other). cancel() ends the attempt in progress (a close()).
 */
export class SharedOpen<T> {
  private opening: Promise<T> | undefined;
  private abort: AbortController | undefined;

  constructor(
    private readonly open: (signal: AbortSignal) => Promise<T>,
    private readonly timeoutMs: number,
    private readonly what: string,
  ) {}

  join(signal: AbortSignal): Promise<T> {
    if (!this.opening) {
      const abort = new AbortController();
      this.abort = abort;
      this.opening = this.open(AbortSignal.any([abort.signal, AbortSignal.timeout(this.timeoutMs)])).finally(() => {
        this.opening = undefined;
        if (this.abort === abort) this.abort = undefined;
      });
    }
    return waitWithin(this.opening, signal, this.what);
  }

  cancel(): void {
    this.abort?.abort();
  }
}
