// A person's mouse and keyboard on the canvas, sent to the page as input.mouse / input.key while they drive.
// Coordinates go from the canvas (CSS px of the dashboard) to the page's viewport (CSS px of the session).

export interface Viewport {
  width: number;
  height: number;
}

export type Send = (method: 'input.mouse' | 'input.key', params: Record<string, unknown>) => Promise<unknown>;

/** Where a point of the canvas element lands in the page's viewport. */
export function toViewport(clientX: number, clientY: number, box: DOMRect, viewport: Viewport): { x: number; y: number } {
  const x = ((clientX - box.left) / box.width) * viewport.width;
  const y = ((clientY - box.top) / box.height) * viewport.height;
  const clamp = (v: number, max: number) => Math.round(Math.min(Math.max(v, 0), max - 1) * 100) / 100;
  return { x: clamp(x, viewport.width), y: clamp(y, viewport.height) };
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'OS']);
const IGNORED_KEYS = new Set(['Dead', 'Unidentified', 'Process', 'Compose']);

/** A keydown as Playwright understands it: a key or chord to press, text to insert, or nothing. */
export function keyAction(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'> & { altGraph?: boolean }):
  { action: 'press'; key: string } | { action: 'insertText'; text: string } | null {
  if (MODIFIER_KEYS.has(e.key) || IGNORED_KEYS.has(e.key)) {
    return null;
  }
  const single = [...e.key].length === 1;
  // AltGr is reported as Control+Alt on some systems; the character it produced is what counts
  const chord = !e.altGraph && (e.ctrlKey || e.altKey || e.metaKey);
  if (single && !chord) {
    if (e.key === ' ') {
      return { action: 'press', key: 'Space' };
    }
    // Playwright's keyboard layout knows printable ASCII; other characters are inserted as text
    return /^[\x21-\x7e]$/.test(e.key) ? { action: 'press', key: e.key } : { action: 'insertText', text: e.key };
  }
  const mods = [];
  if (chord) {
    if (e.ctrlKey) mods.push('Control');
    if (e.altKey) mods.push('Alt');
    if (e.metaKey) mods.push('Meta');
  }
  if (e.shiftKey && (chord || !single)) mods.push('Shift');
  const name = e.key === ' ' ? 'Space' : e.key;
  return { action: 'press', key: [...mods, name].join('+') };
}

const BUTTONS = ['left', 'middle', 'right'] as const;

/** True for the chord that hands the keyboard back to the dashboard: Ctrl+] (telnet's escape). */
export function isEscapeChord(e: Pick<KeyboardEvent, 'ctrlKey' | 'key' | 'code'>): boolean {
  return e.ctrlKey && (e.code === 'BracketRight' || e.key === ']');
}

/**
 * Listens on the canvas; forwards only while enabled. Moves and wheel turns are merged per animation frame
 * and never queue up behind a slow hub; presses and keys go at once, in order.
 */
export class CanvasInput {
  private enabled = false;
  private moveInFlight = false;
  private pendingMove: { x: number; y: number } | null = null;
  private wheel: { x: number; y: number; dx: number; dy: number } | null = null;
  private wheelScheduled = false;
  private readonly abort = new AbortController();

  constructor(private readonly canvas: HTMLCanvasElement, private readonly viewport: () => Viewport,
              private readonly send: Send, private readonly onEscape: () => void) {
    const opts = { signal: this.abort.signal };
    canvas.addEventListener('pointerdown', (e) => this.pointerDown(e), opts);
    canvas.addEventListener('mousedown', (e) => this.mouseButton(e, 'down'), opts);
    canvas.addEventListener('mouseup', (e) => this.mouseButton(e, 'up'), opts);
    canvas.addEventListener('mousemove', (e) => this.mouseMove(e), opts);
    canvas.addEventListener('contextmenu', (e) => this.enabled && e.preventDefault(), opts);
    canvas.addEventListener('wheel', (e) => this.wheelTurn(e), { ...opts, passive: false });
    canvas.addEventListener('keydown', (e) => this.keyDown(e), opts);
    canvas.addEventListener('keyup', (e) => this.enabled && e.preventDefault(), opts);
    canvas.addEventListener('paste', (e) => this.paste(e), opts);
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.canvas.classList.toggle('driving', enabled);
  }

  dispose(): void {
    this.abort.abort();
  }

  private point(e: MouseEvent): { x: number; y: number } {
    return toViewport(e.clientX, e.clientY, this.canvas.getBoundingClientRect(), this.viewport());
  }

  private pointerDown(e: PointerEvent): void {
    if (!this.enabled) {
      return;
    }
    // keep receiving the button's release even when it happens outside the canvas
    this.canvas.setPointerCapture(e.pointerId);
  }

  private mouseButton(e: MouseEvent, action: 'down' | 'up'): void {
    if (!this.enabled) {
      return;
    }
    e.preventDefault();
    if (action === 'down') {
      this.canvas.focus({ preventScroll: true });
    }
    this.pendingMove = null;
    void this.send('input.mouse', {
      action, ...this.point(e), button: BUTTONS[e.button] ?? 'left', clickCount: Math.max(1, e.detail || 1),
    });
  }

  private mouseMove(e: MouseEvent): void {
    if (!this.enabled) {
      return;
    }
    this.pendingMove = this.point(e);
    if (!this.moveInFlight) {
      void this.flushMove();
    }
  }

  private async flushMove(): Promise<void> {
    while (this.pendingMove) {
      const p = this.pendingMove;
      this.pendingMove = null;
      this.moveInFlight = true;
      try {
        await this.send('input.mouse', { action: 'move', ...p });
      } catch {
        this.pendingMove = null; // the send reported it; do not retry stale positions
      } finally {
        this.moveInFlight = false;
      }
    }
  }

  private wheelTurn(e: WheelEvent): void {
    if (!this.enabled) {
      return;
    }
    e.preventDefault();
    const scale = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : e.deltaMode === WheelEvent.DOM_DELTA_PAGE ? this.viewport().height : 1;
    const p = this.point(e);
    this.wheel = { ...p, dx: (this.wheel?.dx ?? 0) + e.deltaX * scale, dy: (this.wheel?.dy ?? 0) + e.deltaY * scale };
    if (!this.wheelScheduled) {
      this.wheelScheduled = true;
      requestAnimationFrame(() => {
        this.wheelScheduled = false;
        const w = this.wheel;
        this.wheel = null;
        if (w && this.enabled) {
          void this.send('input.mouse', { action: 'wheel', ...w });
        }
      });
    }
  }

  private keyDown(e: KeyboardEvent): void {
    if (!this.enabled) {
      return;
    }
    if (isEscapeChord(e)) {
      e.preventDefault();
      this.onEscape();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'v') {
      return; // let the browser paste: the paste event sends this computer's clipboard as text
    }
    // everything else belongs to the page, Tab and shortcuts included
    e.preventDefault();
    e.stopPropagation();
    if (e.isComposing) {
      return;
    }
    const a = keyAction({ key: e.key, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, shiftKey: e.shiftKey,
      altGraph: e.getModifierState('AltGraph') });
    if (a) {
      void this.send('input.key', a);
    }
  }

  private paste(e: ClipboardEvent): void {
    if (!this.enabled) {
      return;
    }
    e.preventDefault();
    const text = e.clipboardData?.getData('text/plain');
    if (text) {
      void this.send('input.key', { action: 'insertText', text });
    }
  }
}
