import { Command, CommanderError, Help, Option } from 'commander';
import { installSignalHandlers } from './io/signals.js';
import { invocation, shellWord } from './cli/invocation.js';
import { hanging } from './report/wrap.js';
import { asCliError, EXIT, InterruptedError, UsageError } from './errors.js';
import { closest } from './model/check-answers.js';
import { catalogue, detectLang, hasCatalogue, isLanguage, msg, say, type Catalogue, type Message } from './i18n/index.js';
import { packageInfo } from './io/package-root.js';
import { processIo, type Io } from './io/terminal.js';
import type { Locale } from './model/common.js';
import type { RunOptions } from './commands/run.js';
import type { ListOptions } from './commands/list.js';
import type { LintOptions } from './commands/lint.js';
import type { DiffOptions } from './commands/diff.js';
import type { BatchOptions } from './commands/batch.js';
import type { CompareOptions } from './commands/compare.js';
import type { MappingOptions } from './commands/mapping.js';
import type { InitOptions } from './commands/init.js';
import type { GoldenOptions } from './commands/golden.js';

/** `--lang` as written anywhere on the command line, so that help and parse errors speak it too. */
function langFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') return argv[i + 1];
    if (a.startsWith('--lang=')) return a.slice('--lang='.length);
  }
  return undefined;
}

type HelpStrings = Catalogue['help'];

function examples(h: HelpStrings, items: readonly (readonly string[])[]): string {
  const width = Math.max(...items.map(([c]) => c!.length));
  return `\n${h.examples}:\n${items.map(([c, d]) => `  $ ${c!.padEnd(width)}  # ${d}`).join('\n')}\n\n${h.exitCodes}\n`;
}

function build(lang: Locale, io: Io, setCode: (code: number) => void): Command {
  const h = catalogue(lang).help;
  const sep = catalogue(lang).report.sep;
  const titles: Record<string, string> = {
    'Usage:': `${h.usage}${sep}`,
    'Options:': `${h.options}${sep}`,
    'Commands:': `${h.commands}${sep}`,
    'Arguments:': `${h.arguments}${sep}`,
    'Global Options:': `${h.options}${sep}`,
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
    .version(packageInfo().version, '-V, --version', h.version)
    .helpCommand('help [command]', h.helpCommand)
    .addHelpText('after', examples(h, h.runExamples));

  /** The options every command takes; a command that writes a report says so, for --lang's help. */
  const common = (cmd: Command, reports: boolean) =>
    cmd
      .option('--lang <fr|en>', reports ? h.langReport : h.lang)
      .addOption(new Option('--no-color', h.noColor))
      .option('--quiet', h.quiet)
      .option('--debug', h.debug);
  const REPORTING = new Set(['run', 'batch', 'compare']);

  /** One command: its options, examples and the function that runs it, loaded only when it is called. */
  const command = (
    name: string,
    description: string,
    exampleList: readonly (readonly string[])[],
    define: (cmd: Command) => Command,
    // Commander passes the arguments, then the options, then the command.
    action: (...args: never[]) => Promise<number>,
    isDefault = false,
  ) => {
    const cmd = define(configure(program.command(name, { isDefault })).description(description));
    common(cmd, REPORTING.has(name))
      .addHelpText('after', examples(h, exampleList))
      .action(async (...args: unknown[]) => setCode(await (action as (...a: unknown[]) => Promise<number>)(...args)));
  };

  command(
    'run',
    h.run,
    h.runExamples,
    (c) =>
      c
        .option('--answers <FILE>', h.answers)
        .option('-q, --questionnaire <ID[@VERSION]|PATH>', h.questionnaire)
        .option('--questionnaires <DIR>', h.questionnaires)
        .option('-o, --out <DIR>', h.out)
        .option('--format <LIST>', h.format)
        .option('--target <N>', h.target)
        .option('--strict', h.strict)
        .option('--force', h.force)
        .option('--json', h.json)
        .option('--resume [DRAFT]', h.resume)
        .option('--migrate', h.migrate)
        .option('--template <FILE>', h.template)
        .option('--explain', h.explain)
        .option('--print', h.print),
    async (options: RunOptions) => (await import('./commands/run.js')).run(options, io),
    true,
  );
  command(
    'list',
    h.list,
    h.listExamples,
    (c) => c.option('--json', h.listJson).option('--questionnaires <DIR>', h.questionnaires),
    async (options: ListOptions) => (await import('./commands/list.js')).listCommand(options, io),
  );
  command(
    'schema',
    h.schema,
    h.schemaExamples,
    (c) => c.argument('<KIND>', h.schemaKind),
    async (kind: string) => (await import('./commands/schema.js')).schemaCommand(kind, io),
  );
  command(
    'batch',
    h.batch,
    h.batchExamples,
    (c) =>
      c
        .argument('<INPUT...>', h.batchInputs)
        .option('-o, --out <DIR>', h.batchOut)
        .option('-q, --questionnaire <ID[@VERSION]|PATH>', h.questionnaire)
        .option('--questionnaires <DIR>', h.questionnaires)
        .option('--format <LIST>', h.format)
        .option('--mapping <FILE>', h.batchMapping, (value: string, previous: string[] = []) => [...previous, value])
        .option('--delimiter <CHAR>', h.batchDelimiter)
        .option('--window <DAYS>', h.batchWindow)
        .option('--csv <DIALECT>', h.batchCsv)
        .option('--jobs <N>', h.batchJobs)
        .option('--template <FILE>', h.template)
        .option('--explain', h.explain)
        .option('--fail-fast', h.batchFailFast)
        .option('--force', h.batchForce)
        .option('--migrate', h.migrate)
        .option('--json', h.batchJson),
    async (inputs: string[], options: BatchOptions) => (await import('./commands/batch.js')).batchCommand(inputs, options, io),
  );
  command(
    'mapping',
    h.mapping,
    h.mappingExamples,
    (c) =>
      c
        .argument('<EXPORT>', h.mappingExport)
        .option('-q, --questionnaire <ID[@VERSION]|PATH>', h.questionnaire)
        .option('--questionnaires <DIR>', h.questionnaires)
        .option('--delimiter <CHAR>', h.batchDelimiter)
        .option('-o, --out <FILE>', h.mappingOut)
        .option('--force', h.force),
    async (file: string, options: MappingOptions) => (await import('./commands/mapping.js')).mappingCommand(file, options, io),
  );
  command(
    'compare',
    h.compare,
    h.compareExamples,
    (c) =>
      c
        .argument('<OLD>', h.compareOld)
        .argument('<NEW>', h.compareNew)
        .option('-q, --questionnaire <ID[@VERSION]|PATH>', h.questionnaire)
        .option('--questionnaires <DIR>', h.questionnaires)
        .option('-o, --out <DIR>', h.compareOut)
        .option('--force', h.force)
        .option('--migrate', h.migrate)
        .option('--json', h.compareJson),
    async (oldPath: string, newPath: string, options: CompareOptions) => (await import('./commands/compare.js')).compareCommand(oldPath, newPath, options, io),
  );
  command(
    'lint',
    h.lint,
    h.lintExamples,
    (c) => c.argument('[FILE|DIR...]', h.lintFiles).option('--format <text|json|github>', h.lintFormat),
    async (inputs: string[], options: LintOptions) => (await import('./commands/lint.js')).lintCommand(inputs, options, io),
  );
  command(
    'diff',
    h.diff,
    h.diffExamples,
    (c) =>
      c.argument('[OLD]', h.diffOld).argument('[NEW]', h.diffNew).option('--base <GITREF>', h.diffBase).option('--format <text|json|github|md>', h.diffFormat),
    async (oldRef: string | undefined, newRef: string | undefined, options: DiffOptions) =>
      (await import('./commands/diff.js')).diffCommand(oldRef, newRef, options, io),
  );
  command(
    'init',
    h.init,
    h.initExamples,
    (c) => c.argument('[DIR]', h.initDir).option('--id <ID>', h.initId).option('--force', h.initForce),
    async (dir: string | undefined, options: InitOptions) => (await import('./commands/init.js')).initCommand(dir, options, io),
  );
  command(
    'golden',
    h.golden,
    h.goldenExamples,
    (c) => c.option('--update', h.goldenUpdate),
    async (options: GoldenOptions) => (await import('./commands/golden.js')).goldenCommand(options, io),
  );

  return program;
}

/** A first argument that is no command: a file to score, or a command mistyped. */
function misnamedCommand(word: string, names: readonly string[], command: string): Message {
  if (/\.(?:ya?ml|json)$/i.test(word)) return msg('cli.file-as-command', { file: word, arg: shellWord(word), command });
  const near = closest(word.toLowerCase(), names);
  return near !== undefined ? msg('cli.unknown-command-suggest', { command: word, suggestion: near }) : msg('cli.unknown-command', { command: word });
}

function commanderMessage(error: CommanderError): Message {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption': {
      // Commander finds the option meant (`--anwsers` → `--answers`); it is said in the user's language.
      const meant = /Did you mean (-[\w-]+)\?/.exec(error.message)?.[1];
      return meant !== undefined ? msg('cli.unknown-option-suggest', { option: quoted, suggestion: meant }) : msg('cli.unknown-option', { option: quoted });
    }
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

/** The command line as the program starts it: signals end it with their exit codes, after cleaning up. */
export async function start(argv: readonly string[]): Promise<number> {
  const lang = detectLang(langFromArgv(argv.slice(2)), process.env);
  installSignalHandlers((signal) => (signal === 'SIGINT' ? undefined : say(lang, msg('cli.stopped', { signal }))));
  return main(argv);
}

/** Parses the command line, runs the command, and turns every failure into a message and an exit code: the one place that does. */
export async function main(argv: readonly string[], given: Io = processIo()): Promise<number> {
  const args = argv.slice(2);
  const io: Io = { ...given, command: given.command ?? invocation(argv[1], given.env, process.cwd()) };
  const lang = detectLang(langFromArgv(args), io.env);
  const debug = args.includes('--debug');
  const prefix = `sm-diagnostic: ${say(lang, msg('cli.error'))} `;
  // A language the tool has no words in: the questionnaire's texts may be in it, the tool's are in English; said once.
  if (isLanguage(langFromArgv(args)) && !hasCatalogue(lang) && !args.includes('--quiet')) {
    io.stderr.write(`sm-diagnostic: ${say(lang, msg('cli.language-fallback', { lang }))}\n`);
  }
  // On a terminal a message is wrapped at words within 80 columns; a pipe gets it on one line.
  const fit = (s: string) => (io.stderr.isTTY ? hanging(s, 80) : s);
  let code: number = EXIT.ok;
  try {
    const program = build(lang, io, (c) => (code = c));
    // `run` is the default command, so a mistyped command or a bare file would reach it as an argument:
    // say what was meant instead of "too many arguments".
    const first = args[0];
    if (first !== undefined && !first.startsWith('-')) {
      const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]).concat('help');
      if (!names.includes(first)) throw new UsageError(misnamedCommand(first, names, io.command!));
    }
    await program.parseAsync(argv);
    return code;
  } catch (caught) {
    if (caught instanceof CommanderError) {
      if (caught.code === 'commander.helpDisplayed' || caught.code === 'commander.version' || caught.code === 'commander.help') return EXIT.ok;
      // `run mairie.yaml`: the answers file given without --answers.
      const bare = caught.code === 'commander.excessArguments' ? args.find((a, i) => /\.(?:ya?ml|json)$/i.test(a) && !args[i - 1]?.startsWith('-')) : undefined;
      const said = say(lang, bare !== undefined ? msg('cli.file-as-argument', { file: shellWord(bare), command: io.command! }) : commanderMessage(caught));
      io.stderr.write(`${fit(`${prefix}${said}`)}\n`);
      return EXIT.usage;
    }
    const error = asCliError(caught);
    // A problem in a file is said as `file:line:col: message`, the way editors and CI read it.
    // A problem in a file stays on one line, as editors read it; an interruption has no prefix.
    const said = error.located ? error.describe(lang) : `${prefix}${error.describe(lang)}`;
    io.stderr.write(`${error.located && !(error instanceof InterruptedError) ? said : fit(said)}\n`);
    if (debug) io.stderr.write(`${(caught instanceof Error ? caught : error).stack}\n`);
    return error.exitCode;
  }
}
