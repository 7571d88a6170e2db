/**
 * Records what a run prints. The methods of the global `console` object are swapped (not the
 * object itself), so code that kept a reference to `console` — the engine's explain() and
 * show() do — is recorded too. Output past CONSOLE_LIMIT_CHARS or CONSOLE_LIMIT_LINES (counted
 * as drawn: line breaks inside one entry count too) is dropped and flagged, so a chatty loop cannot flood the page. Each kept entry is also handed to
 * `onEntry` as it happens, so a host that has to stop a looping run still has what came before.
 */
import { fitToRoom } from './console-fit.ts';
import { formatConsoleArgs } from './format.ts';
import { CONSOLE_LIMIT_CHARS, CONSOLE_LIMIT_LINES } from './protocol.ts';
import type { ConsoleEntry, ConsoleLevel } from './protocol.ts';

const LEVELS: readonly ConsoleLevel[] = ['log', 'info', 'warn', 'error', 'debug'];

export interface ConsoleCapture {
  entries: ConsoleEntry[];
  truncated: boolean;
  /** Puts the original console methods back. */
  restore(): void;
}

export interface ConsoleLimits {
  chars?: number;
  lines?: number;
}

/** Hears each kept entry as it is printed; `entry` is undefined when only the cut was reached. */
export type ConsoleListener = (entry: ConsoleEntry | undefined, truncated: boolean) => void;

export function captureConsole(limits: ConsoleLimits = {}, onEntry?: ConsoleListener): ConsoleCapture {
  const maxChars = limits.chars ?? CONSOLE_LIMIT_CHARS;
  const maxLines = limits.lines ?? CONSOLE_LIMIT_LINES;
  const target = console as unknown as Record<ConsoleLevel, (...args: unknown[]) => void>;
  const originals = LEVELS.map((level) => [level, target[level]] as const);
  let usedChars = 0;
  let usedLines = 0;
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
      if (usedLines >= maxLines) {
        capture.truncated = true;
        onEntry?.(undefined, true);
        return;
      }
      // Lines are counted as drawn: one entry holding a thousand line breaks is a thousand lines.
      const fitted = fitToRoom(formatConsoleArgs(args), { lines: maxLines - usedLines, chars: maxChars - usedChars });
      const text = fitted.text;
      if (fitted.cut) capture.truncated = true;
      usedChars += text.length;
      usedLines += fitted.lines;
      if (text.length > 0 || !capture.truncated) {
        const entry = { level, text };
        capture.entries.push(entry);
        onEntry?.(entry, capture.truncated);
      } else {
        onEntry?.(undefined, true);
      }
    };
  }
  return capture;
}

