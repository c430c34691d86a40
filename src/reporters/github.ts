/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): the one place that escapes them.
 * Data is escaped for `%`, CR and LF; a property also for `:` and `,`, which end it.
 */
export function annotation(level: 'error' | 'warning' | 'notice', properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${level} ${props}::${escapeData(message)}\n`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
