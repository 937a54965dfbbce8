/**
 * An argv as one line for the user's shell: each word quoted only when it must be, so
 * `docker run -d --name web busybox:local` stays readable and `-e 'A=it'\''s'` still
 * pastes back to the same words.
 */

export type ShellKind = 'posix' | 'powershell' | 'cmd';

// Words made only of these need no quotes (no globbing, expansion, splitting or operators).
const posixPlain = /^[A-Za-z0-9_@%+=:,./-]+$/;
// PowerShell: no leading '@' (splatting) or '-' trouble for arguments of a native program; ',' builds arrays.
const powershellPlain = /^[A-Za-z0-9_%+=:./-]+$/;
const cmdPlain = /^[A-Za-z0-9_@+=:,./\\-]+$/;

export function quoteArg(word: string, shell: ShellKind): string {
  switch (shell) {
    case 'posix':
      // Inside single quotes nothing is special; a single quote ends, is escaped, and reopens.
      return posixPlain.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
    case 'powershell':
      // Single-quoted strings are verbatim; a quote inside is doubled. Typographic quotes count as quotes too.
      // A word starting with '-' is plain only as a bare option: PowerShell splits `-x.y` and `-x:y` in two.
      return powershellPlain.test(word) && (!word.startsWith('-') || /^--?[A-Za-z0-9-]+$/.test(word))
        ? word
        : `'${word.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
    case 'cmd':
      return cmdPlain.test(word) ? word : cmdQuote(word);
  }
}

/**
 * cmd.exe hands the line to the program, which splits it by the C runtime's rules (docker.exe
 * follows them): inside double quotes, a quote is \" and backslashes before a quote double.
 * `%` stays as written: cmd expands %NAME% only when NAME is set.
 */
function cmdQuote(word: string): string {
  let out = '"';
  let backslashes = 0;
  for (const char of word) {
    if (char === '\\') {
      backslashes++;
      continue;
    }
    if (char === '"') {
      out += '\\'.repeat(backslashes * 2 + 1) + '"';
    } else {
      out += '\\'.repeat(backslashes) + char;
    }
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

export function quoteCommand(argv: readonly string[], shell: ShellKind): string {
  return argv.map((word) => quoteArg(word, shell)).join(' ');
}

/**
 * Which quoting a terminal uses: Windows' PowerShell unless the default profile is cmd;
 * elsewhere sh's, unless the default profile is PowerShell. `profile` is the name or path
 * of the default terminal profile (empty when none is set).
 */
export function shellKindFor(platform: string, profile: string | undefined): ShellKind {
  const name = (profile ?? '').toLowerCase();
  if (platform === 'win32') {
    if (/(^|[\\/ ])cmd(\.exe)?$|command prompt/.test(name)) return 'cmd';
    if (/bash|git|wsl|msys|cygwin|sh(\.exe)?$/.test(name) && !/powershell|pwsh/.test(name)) return 'posix';
    return 'powershell';
  }
  return /powershell|pwsh/.test(name) ? 'powershell' : 'posix';
}
