/**
 * Where each string literal of a JSON text is, and under which path, without building
 * the value: what masking a refused message's bytes needs (dead-letter-mask.ts), since
 * those bytes are kept as received and only the literals that hold speech may change.
 * Tolerant: a text that is cut off or broken midway (a dead letter often is) yields the
 * literals before the break.
 */

export type JsonPath = readonly (string | number)[];
/** `start` is the opening quote's index, `end` one past the closing quote; `value` is the decoded string. */
export type JsonStringLiteral = { start: number; end: number; path: JsonPath; value: string };

class Stop extends Error {}

/** The literals, and how far the text was read: its length when it is whole JSON, else where it broke off. */
export function jsonStringLiterals(text: string): { literals: JsonStringLiteral[]; readTo: number } {
  const out: JsonStringLiteral[] = [];
  let pos = 0;
  const fail = (): never => {
    throw new Stop();
  };
  const skipSpace = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos] as string)) pos++;
  };
  const literal = (): { start: number; end: number; value: string } => {
    const start = pos;
    if (text[pos] !== '"') fail();
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
    if (pos >= text.length) fail();
    pos++;
    let value: string;
    try {
      value = JSON.parse(text.slice(start, pos)) as string;
    } catch {
      return fail();
    }
    return { start, end: pos, value };
  };
  const value = (path: JsonPath): void => {
    skipSpace();
    const c = text[pos];
    if (c === '"') {
      out.push({ ...literal(), path });
    } else if (c === "{") {
      pos++;
      skipSpace();
      if (text[pos] === "}") return void pos++;
      for (;;) {
        skipSpace();
        const key = literal().value;
        skipSpace();
        if (text[pos] !== ":") fail();
        pos++;
        value([...path, key]);
        skipSpace();
        if (text[pos] === ",") pos++;
        else if (text[pos] === "}") return void pos++;
        else fail();
      }
    } else if (c === "[") {
      pos++;
      skipSpace();
      if (text[pos] === "]") return void pos++;
      for (let i = 0; ; i++) {
        value([...path, i]);
        skipSpace();
        if (text[pos] === ",") pos++;
        else if (text[pos] === "]") return void pos++;
        else fail();
      }
    } else {
      // A number, true, false or null: nothing to record, only to step over.
      const m = /^[-+0-9.eEa-z]+/.exec(text.slice(pos, pos + 64));
      if (!m) fail();
      pos += (m as RegExpExecArray)[0].length;
    }
  };
  let readTo = text.length;
  try {
    value([]);
    skipSpace();
    if (pos < text.length) readTo = pos;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    readTo = out.length > 0 ? (out[out.length - 1] as JsonStringLiteral).end : 0;
  }
  return { literals: out, readTo };
}
