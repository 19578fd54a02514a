/** What a key press does in the presentation. */
export type DeckAction = 'next' | 'previous' | 'first' | 'last' | 'fullscreen' | 'notes' | 'setup' | 'close';

/** The parts of a `KeyboardEvent` that decide the action (a plain object in tests). */
export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * Presenter keys: arrows, Page Up/Down (what presentation clickers send), space
 * (Shift+space goes back), Home/End, F for full screen, N for presenter notes,
 * S to set the deck up, Escape to close an open panel. Shortcuts with Ctrl/Alt/Meta stay the browser's
 * (Ctrl+P prints the handout, Ctrl+F searches).
 */
export function deckAction(press: KeyPress): DeckAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  switch (press.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return 'previous';
    case ' ':
    case 'Spacebar':
      return press.shiftKey ? 'previous' : 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'f':
    case 'F':
      return 'fullscreen';
    case 'n':
    case 'N':
      return 'notes';
    case 's':
    case 'S':
      return 'setup';
    case 'Escape':
      return 'close';
    default:
      return null;
  }
}

/** The slide index after an action, kept within the deck. */
export function nextIndex(action: DeckAction, index: number, count: number): number {
  const last = Math.max(0, count - 1);
  switch (action) {
    case 'next':
      return Math.min(last, index + 1);
    case 'previous':
      return Math.max(0, index - 1);
    case 'first':
      return 0;
    case 'last':
      return last;
    default:
      return Math.min(Math.max(0, index), last);
  }
}
