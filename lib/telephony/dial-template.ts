import { CommandFailed, type CommandErrorCode } from "./commands";
import { PLAIN_WORD } from "./plain-word";

/**
 * Dial strings and endpoints from a site's templates (FreeSWITCH dial strings, Asterisk
 * endpoints): `{name}` placeholders filled with values checked to be plain words, so
 * nothing a request carries can add an application, a variable or another channel to
 * what the PBX is asked to dial. Shared by every adapter that dials.
 */

/** A value for a dial string or an API argument, or the command's failure with `code`. */
export function plainWord(value: string, code: CommandErrorCode, what: string): string {
  if (!PLAIN_WORD.test(value)) throw new CommandFailed(code, `${what} "${value.slice(0, 80)}" cannot be dialled (letters, digits, _ . @ + - only)`);
  return value;
}

/** Fills `{name}` placeholders; only the values the template uses are checked (with `code` when one is not a plain word). */
export function fillTemplate(template: string, values: Readonly<Record<string, string | undefined>>, code: CommandErrorCode): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new CommandFailed("unsupported", `the dial string template names {${name}}, which this command does not have`);
    return plainWord(v, code, name);
  });
}
