// Dead-connection detection on a bound stream: after a silence the server pings the client
// (XEP-0199 §4.3, or an XEP-0198 request); no sign of life before the timeout ends the stream.
export class Keepalive {
  private readonly silence: NodeJS.Timeout;
  private answerDeadline: NodeJS.Timeout | undefined;

  constructor(intervalMs: number, private readonly timeoutMs: number, private readonly ping: () => void, private readonly onTimeout: () => void) {
    this.silence = setTimeout(() => this.pingNow(), intervalMs);
  }

  /** Anything received from the client counts as a sign of life. */
  activity(): void {
    clearTimeout(this.answerDeadline);
    this.answerDeadline = undefined;
    this.silence.refresh();
  }

  stop(): void {
    clearTimeout(this.silence);
    clearTimeout(this.answerDeadline);
  }

  private pingNow(): void {
    this.ping();
    this.answerDeadline = setTimeout(this.onTimeout, this.timeoutMs);
  }
}
