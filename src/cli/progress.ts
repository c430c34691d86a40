import type { BatchHooks } from '../app/batch.js';
import { msg, say } from '../i18n/index.js';
import type { Locale } from '../model/common.js';

/** A progress bar on stderr (a terminal), one per phase of a batch. */
export async function progressBar(stream: NodeJS.WritableStream, lang: Locale): Promise<NonNullable<BatchHooks['progress']>> {
  // cli-progress is CommonJS: its bundled form has a default export only.
  const { default: progress } = await import('cli-progress');
  let bar: InstanceType<typeof progress.SingleBar> | undefined;
  return {
    start(total, phase) {
      const label = say(lang, msg(phase === 'read' ? 'batch.phase-read' : 'batch.phase-report'));
      bar = new progress.SingleBar(
        { format: `${label.padEnd(9)} [{bar}] {value}/{total}`, stream, hideCursor: true, clearOnComplete: true },
        progress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    increment() {
      bar?.increment();
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
