#!/usr/bin/env node
// Start-up is the bundle (dist/bundle, made by `npm run build`); `--version` needs no module at all.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { start } = await import('../dist/bundle/cli.js');
  process.exitCode = await start(process.argv);
}
