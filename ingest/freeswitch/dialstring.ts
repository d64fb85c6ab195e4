import { CommandFailed, type CommandErrorCode } from "@/lib/telephony/commands";
import { PLAIN_WORD } from "@/lib/telephony/plain-word";

/**
 * Dial strings from the site's templates (FREESWITCH_CALLBACK_DIALSTRING,
 * FREESWITCH_SUPERVISOR_DIALSTRING): `{name}` placeholders filled with values checked to
 * be plain words, so nothing a request carries can add an application or a variable to
 * the originate line. The adapter's own channel variables go into the one `{...}` block
 * FreeSWITCH reads at the start of a dial string (a template's own block is kept, ours
 * after it, so ours win: the last setting of a variable is the one used).
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

/** Channel variables in FreeSWITCH's `{a=b,c=d}` form, ahead of the dial string. */
export function withVariables(dialString: string, vars: Readonly<Record<string, string>>): string {
  const ours = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
  const m = /^\{([^}]*)\}(.*)$/s.exec(dialString);
  const theirs = m?.[1] ? m[1].split(",") : [];
  const rest = m ? (m[2] ?? "") : dialString;
  return `{${[...theirs, ...ours].join(",")}}${rest}`;
}
