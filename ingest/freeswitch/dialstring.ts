/**
 * FreeSWITCH dial strings (FREESWITCH_CALLBACK_DIALSTRING, FREESWITCH_SUPERVISOR_DIALSTRING)
 * are filled by lib/telephony/dial-template.ts. The adapter's own channel variables go into the one `{...}` block
 * FreeSWITCH reads at the start of a dial string (a template's own block is kept, ours
 * after it, so ours win: the last setting of a variable is the one used).
 */

/** Channel variables in FreeSWITCH's `{a=b,c=d}` form, ahead of the dial string. */
export function withVariables(dialString: string, vars: Readonly<Record<string, string>>): string {
  const ours = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
  const m = /^\{([^}]*)\}(.*)$/s.exec(dialString);
  const theirs = m?.[1] ? m[1].split(",") : [];
  const rest = m ? (m[2] ?? "") : dialString;
  return `{${[...theirs, ...ours].join(",")}}${rest}`;
}
