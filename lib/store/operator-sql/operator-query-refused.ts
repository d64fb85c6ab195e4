/** An operator's query that the read-only SQL path will not run; the message says why. */
export class OperatorQueryRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OperatorQueryRefused";
  }
}
