/** Finding the port an app listens on in its own source or settings: the first clear number wins. */

const patterns: RegExp[] = [
  // listen(3000), .listen(PORT || 3000), process.env.PORT ?? 3000, os.getenv("PORT", "8000")
  /\blisten\(\s*(\d{2,5})\b/,
  /\bPORT\b[^\n]{0,40}?(?:\|\||\?\?|,)\s*["']?(\d{2,5})\b/,
  // ":8080" as Go and Rust servers write their address
  /["'](?:0\.0\.0\.0|127\.0\.0\.1|localhost)?:(\d{2,5})["']/,
  // port=5000, port: 8000, --port 8000, -p 9292, server.port=8081
  /\b(?:server\.)?port\s*[=:]\s*["']?(\d{2,5})\b/i,
  /(?:--port|-p)[ =](\d{2,5})\b/,
];

export function findPort(...texts: (string | undefined)[]): number | undefined {
  for (const pattern of patterns) {
    for (const text of texts) {
      const match = text ? pattern.exec(text) : null;
      const port = match ? Number(match[1]) : NaN;
      if (isPort(port)) return port;
    }
  }
  return undefined;
}

export function isPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** Validates a typed port: undefined when fine, else the problem (English; the caller localizes). */
export function portProblem(text: string): 'empty' | 'notNumber' | 'range' | undefined {
  const trimmed = text.trim();
  if (!trimmed) return 'empty';
  if (!/^\d+$/.test(trimmed)) return 'notNumber';
  return isPort(Number(trimmed)) ? undefined : 'range';
}
