/**
 * A log line's severity, from its own level where it states one (ERROR, level=warn,
 * "level":"info", [notice], glog's E1207, syslog's <3>) or else from the stream it came
 * on (stderr counts as error, as the logs terminal paints it red). Pure and cheap: the
 * webview runs it once per line as lines arrive, never in the extension host.
 */
export const enum Severity {
  None = 0,
  Info = 1,
  Warning = 2,
  Error = 3,
}

export const severityNames = ['none', 'info', 'warning', 'error'] as const;

// Upper-case level words anywhere near the start ("2024-… ERROR …", "[WARN]", "E/"), or any
// case right after a level key or inside brackets; a lower-case "error" in prose is not a level.
const upperLevel = /\b(FATAL|PANIC|CRIT(?:ICAL)?|EMERG(?:ENCY)?|ALERT|ERROR|ERR)\b|\b(WARN(?:ING)?)\b|\b(INFO|NOTICE)\b/;
const keyedLevel = /(?:\blevel|\blvl|\bseverity|"level"|"lvl"|"severity")\s*[=:]\s*"?(fatal|panic|crit(?:ical)?|emerg|alert|error|err)|(?:level|lvl|severity)"?\s*[=:]\s*"?(warn(?:ing)?)|(?:level|lvl|severity)"?\s*[=:]\s*"?(info|notice)/i;
const bracketLevel = /\[(fatal|panic|crit(?:ical)?|emerg|alert|error|err)\]|\[(warn(?:ing)?)\]|\[(info|notice)\]/i;
// glog / klog: E1207 10:00:00.000000 …; syslog priority <0>…<7> at the very start.
const glogLevel = /^([EF])\d{4} |^(W)\d{4} |^(I)\d{4} /;
const syslogLevel = /^<([0-7])>/;

function fromMatch(match: RegExpExecArray | null): Severity | undefined {
  if (!match) return undefined;
  if (match[1]) return Severity.Error;
  if (match[2]) return Severity.Warning;
  if (match[3]) return Severity.Info;
  return undefined;
}

/** How far into a line a level is looked for: levels come first, and long lines stay cheap. */
const head = 240;

/** The line's own level, if it states one. */
export function statedSeverity(text: string): Severity | undefined {
  const start = text.length > head ? text.slice(0, head) : text;
  const syslog = syslogLevel.exec(start);
  if (syslog) {
    const priority = Number(syslog[1]);
    return priority <= 3 ? Severity.Error : priority === 4 ? Severity.Warning : Severity.Info;
  }
  return fromMatch(glogLevel.exec(start)) ?? fromMatch(upperLevel.exec(start)) ?? fromMatch(keyedLevel.exec(start)) ?? fromMatch(bracketLevel.exec(start));
}

export function severityOf(text: string, stderr: boolean): Severity {
  return statedSeverity(text) ?? (stderr ? Severity.Error : Severity.None);
}
