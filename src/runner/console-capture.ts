/**
 * Records what a run prints. The methods of the global `console` object are swapped (not the
 * object itself), so code that kept a reference to `console` — the engine's explain() and
 * show() do — is recorded too. Output past CONSOLE_LIMIT_CHARS is dropped and flagged, so a
 * chatty loop cannot flood the page.
 */
import { formatConsoleArgs } from './format.ts';
import { CONSOLE_LIMIT_CHARS } from './protocol.ts';
import type { ConsoleEntry, ConsoleLevel } from './protocol.ts';

const LEVELS: readonly ConsoleLevel[] = ['log', 'info', 'warn', 'error', 'debug'];

export interface ConsoleCapture {
  entries: ConsoleEntry[];
  truncated: boolean;
  /** Puts the original console methods back. */
  restore(): void;
}

export function captureConsole(limit = CONSOLE_LIMIT_CHARS): ConsoleCapture {
  const target = console as unknown as Record<ConsoleLevel, (...args: unknown[]) => void>;
  const originals = LEVELS.map((level) => [level, target[level]] as const);
  let used = 0;
  const capture: ConsoleCapture = {
    entries: [],
    truncated: false,
    restore() {
      for (const [level, original] of originals) target[level] = original;
    },
  };
  for (const level of LEVELS) {
    target[level] = (...args: unknown[]) => {
      if (capture.truncated) return;
      let text = formatConsoleArgs(args);
      if (used + text.length > limit) {
        text = text.slice(0, limit - used);
        capture.truncated = true;
      }
      used += text.length;
      if (text.length > 0 || !capture.truncated) capture.entries.push({ level, text });
    };
  }
  return capture;
}
