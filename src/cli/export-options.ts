import { readMappings } from '../batch/mapping.js';
import { CSV_DIALECTS } from '../batch/summary.js';
import { parseChoice, parseDelimiter, parseWindow } from './options.js';

// Apart from options.ts: the mapping's schema and the summary load only for a batch, never for `run`.
/** How a batch reads survey exports and writes its summary: `--mapping` (several, merged), `--delimiter`, `--window`, `--csv`. */
export function parseExportOptions(options: { mapping?: string[]; delimiter?: string; window?: string; csv?: string }) {
  const mappings = options.mapping ?? [];
  const delimiter = parseDelimiter(options.delimiter);
  const window = parseWindow(options.window);
  return {
    ...(mappings.length > 0 ? { mapping: readMappings(mappings), exclude: mappings, mappingFiles: mappings } : {}),
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(window !== undefined ? { window } : {}),
    ...(options.csv !== undefined ? { csv: parseChoice('--csv', options.csv, CSV_DIALECTS) } : {}),
  };
}
