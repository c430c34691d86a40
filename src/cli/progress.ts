import type { BatchHooks } from '../app/batch.js';
import { formatNumber, msg, say } from '../i18n/index.js';
import type { Locale } from '../model/common.js';

/**
 * A progress bar on stderr (a terminal), one per phase of a batch: done/total, elapsed time, rate
 * (inputs or reports per second) and the time left.
 */
export async function progressBar(stream: NodeJS.WritableStream, lang: Locale): Promise<NonNullable<BatchHooks['progress']>> {
  // cli-progress is CommonJS: its bundled form has a default export only.
  const { default: progress } = await import('cli-progress');
  let bar: InstanceType<typeof progress.SingleBar> | undefined;
  let started = 0;
  let done = 0;
  const rate = () => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? formatNumber(done / seconds, 1, lang) : '0';
  };
  return {
    start(total, phase) {
      const label = say(lang, msg(phase === 'read' ? 'batch.phase-read' : 'batch.phase-report'));
      const words = say(lang, msg('batch.progress'));
      bar = new progress.SingleBar(
        { format: `${label.padEnd(9)} [{bar}] {value}/{total} · ${words}`, stream, hideCursor: true, clearOnComplete: true, barsize: 20, etaBuffer: 50 },
        progress.Presets.shades_classic,
      );
      started = performance.now();
      done = 0;
      bar.start(total, 0, { rate: rate() });
    },
    increment() {
      done += 1;
      bar?.increment(1, { rate: rate() });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
