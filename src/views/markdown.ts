/**
 * Engine data in Markdown tooltips. Names, labels, images and commands come from
 * whoever made the container (a compose file, an image's author): as plain Markdown a
 * name like `x](https://…)` or `![](http://…/pixel)` would turn into a link or a remote
 * image in the hover. Every such value goes through one of these before it is shown.
 */

// CommonMark's escapable ASCII punctuation (every one may be backslash-escaped).
const punctuation = /[\\`*_{}[\]()#+\-.!|<>~&"'=:;,?@$%^/]/g;

/** Text shown as it is: punctuation escaped, line breaks (which could start a new block) folded to spaces. */
export function mdText(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(punctuation, (c) => `\\${c}`);
}

/** Inline code: a backtick fence longer than any run of backticks inside, so nothing closes it early. */
export function mdCode(value: string): string {
  const text = value.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space on each side keeps a leading or trailing backtick from joining the fence.
  return `${fence} ${text} ${fence}`;
}

/** A fenced code block whose fence no line of the value can close. */
export function mdBlock(value: string): string {
  const longest = Math.max(2, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${value}\n${fence}`;
}
