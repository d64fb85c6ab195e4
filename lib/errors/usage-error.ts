/** A command line the tool cannot run: the message says what is wrong; the tool exits with code 2, as Unix tools do for bad usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
