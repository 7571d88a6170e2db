/**
 * The console limits, counted as the output is drawn: characters, and lines including the line
 * breaks inside one entry (a single entry of a million '\n' is a million lines). The runner cuts
 * what it records with this, and the page cuts what it draws with it again.
 */

/** What is left of the limits. */
export interface ConsoleRoom {
  lines: number;
  chars: number;
}

/** `text` cut to fit `room`, whether it had to be cut, and how much of the room it takes. */
export function fitToRoom(text: string, room: ConsoleRoom): { text: string; cut: boolean; lines: number } {
  let cut = false;
  if (text.length > room.chars) {
    text = text.slice(0, Math.max(0, room.chars));
    cut = true;
  }
  // The `room.lines`-th line break ends the last line that fits.
  let at = -1;
  let breaks = 0;
  while ((at = text.indexOf('\n', at + 1)) !== -1) {
    if (breaks + 1 >= room.lines) {
      text = text.slice(0, at);
      cut = true;
      break;
    }
    breaks++;
  }
  return { text, cut, lines: breaks + 1 };
}
