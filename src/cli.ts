import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Help, Option } from 'commander';
import { CliError, EXIT, InputError, InterruptedError } from './errors.js';
import { detectLang, msg, say, type Message } from './i18n/index.js';
import { HELP, type HelpStrings } from './i18n/help.js';
import { packageRoot } from './io/package-root.js';
import { processIo, type Io } from './io/terminal.js';
import type { Locale } from './model/common.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** `--lang` as written anywhere on the command line, so that help and parse errors speak it too. */
function langFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') return argv[i + 1];
    if (a.startsWith('--lang=')) return a.slice('--lang='.length);
  }
  return undefined;
}

function examples(h: HelpStrings, items: string[][]): string {
  const width = Math.max(...items.map(([c]) => c!.length));
  return `\n${h.examples}:\n${items.map(([c, d]) => `  $ ${c!.padEnd(width)}  # ${d}`).join('\n')}\n\n${h.exitCodes}\n`;
}

function build(lang: Locale, io: Io, setCode: (code: number) => void): Command {
  const h = HELP[lang];
  const titles: Record<string, string> = {
    'Usage:': `${h.usage}:`,
    'Options:': `${h.options}:`,
    'Commands:': `${h.commands}:`,
    'Arguments:': `${h.arguments}:`,
    'Global Options:': `${h.options}:`,
  };
  const configure = (cmd: Command): Command =>
    cmd
      .configureHelp({ styleTitle: (title: string) => titles[title] ?? title, sortOptions: false } as Partial<Help>)
      .helpOption('-h, --help', h.help)
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        outputError: () => undefined,
      })
      .exitOverride();

  const program = configure(new Command('sm-diagnostic'))
    .description(h.program)
    .version(packageVersion(), '-V, --version', h.version)
    .helpCommand('help [command]', h.helpCommand)
    .addHelpText('after', examples(h, h.runExamples));

  const common = (cmd: Command) =>
    cmd
      .option('--lang <fr|en>', h.lang)
      .addOption(new Option('--no-color', h.noColor))
      .option('--quiet', h.quiet)
      .option('--debug', h.debug);

  const run = configure(program.command('run', { isDefault: true }))
    .description(h.run)
    .option('--answers <FILE>', h.answers)
    .option('-q, --questionnaire <ID[@VERSION]|PATH>', h.questionnaire)
    .option('-o, --out <DIR>', h.out)
    .option('--format <LIST>', h.format)
    .option('--target <N>', h.target)
    .option('--strict', h.strict)
    .option('--force', h.force)
    .option('--json', h.json)
    .option('--resume [DRAFT]', h.resume)
    .option('--migrate', h.migrate);
  common(run)
    .addHelpText('after', examples(h, h.runExamples))
    .action(async (options) => {
      const { run: runCommand } = await import('./commands/run.js');
      setCode(await runCommand(options, io));
    });

  const list = configure(program.command('list')).description(h.list).option('--json', h.json);
  common(list)
    .addHelpText('after', examples(h, h.listExamples))
    .action(async (options) => {
      const { listCommand } = await import('./commands/list.js');
      setCode(await listCommand(options, io));
    });

  const schema = configure(program.command('schema')).description(h.schema).argument('<KIND>', h.schemaKind);
  common(schema)
    .addHelpText('after', examples(h, h.schemaExamples))
    .action(async (kind: string) => {
      const { schemaCommand } = await import('./commands/schema.js');
      setCode(await schemaCommand(kind, io));
    });

  const lint = configure(program.command('lint'))
    .description(h.lint)
    .argument('[FILE|DIR...]', h.lintFiles)
    .option('--format <text|json|github>', h.lintFormat);
  common(lint)
    .addHelpText('after', examples(h, h.lintExamples))
    .action(async (inputs: string[], options) => {
      const { lintCommand } = await import('./commands/lint.js');
      setCode(await lintCommand(inputs, options, io));
    });

  const diff = configure(program.command('diff'))
    .description(h.diff)
    .argument('[OLD]', h.diffOld)
    .argument('[NEW]', h.diffNew)
    .option('--base <GITREF>', h.diffBase)
    .option('--format <text|json|github|md>', h.diffFormat);
  common(diff)
    .addHelpText('after', examples(h, h.diffExamples))
    .action(async (oldRef: string | undefined, newRef: string | undefined, options) => {
      const { diffCommand } = await import('./commands/diff.js');
      setCode(await diffCommand(oldRef, newRef, options, io));
    });

  return program;
}

function commanderMessage(error: CommanderError): Message {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption':
      return msg('cli.unknown-option', { option: quoted });
    case 'commander.unknownCommand':
      return msg('cli.unknown-command', { command: quoted });
    case 'commander.missingArgument':
      return msg('cli.missing-argument', { name: quoted });
    case 'commander.optionMissingArgument':
      return msg('cli.option-argument', { option: quoted.split(' ')[0] ?? quoted });
    case 'commander.excessArguments':
      return msg('cli.excess-arguments');
    default:
      return msg('cli.usage', { detail: error.message.replace(/^error: /, '') });
  }
}

/** Parses the command line, runs the command, and turns every failure into a message and an exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const args = argv.slice(2);
  const lang = detectLang(langFromArgv(args) === 'fr' || langFromArgv(args) === 'en' ? langFromArgv(args) : undefined, io.env);
  const debug = args.includes('--debug');
  const prefix = `sm-diagnostic: ${say(lang, msg('cli.error'))}: `;
  let code: number = EXIT.ok;
  try {
    await build(lang, io, (c) => (code = c)).parseAsync(argv as string[]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return EXIT.ok;
      }
      io.stderr.write(`${prefix}${say(lang, commanderMessage(error))}\n`);
      return EXIT.usage;
    }
    if (error instanceof CliError) {
      // A problem in a file is said as `file:line:col: message`, the way editors and CI read it.
      const text = error.describe(lang);
      io.stderr.write(error instanceof InputError || error instanceof InterruptedError ? `${text}\n` : `${prefix}${text}\n`);
      if (debug) io.stderr.write(`${(error as Error).stack}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${prefix}${say(lang, msg('cli.internal', { detail }))}\n`);
    if (debug && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return EXIT.usage;
  }
}
