// A person's typing in the event panels: one entry per burst of keys ("human dashboard typed “Hello”") instead of
// one `input.key` line per keystroke. The hub names the key of each input.key command, except where the page hides
// what is typed (a password field): those it marks secret, and they are only counted here.
import { HubEvent } from '../protocol';

/** A pause this long (or anything else the same client does in between) ends a burst. */
export const BURST_GAP_MS = 4000;

export interface Burst {
  clientId: string;
  who: string;
  firstTs: number;
  lastTs: number;
  firstSeq: number;
  lastSeq: number;
  text: string;
  hidden: number;
}

const KEY_SYMBOLS: Record<string, string> = {
  Space: ' ', Enter: '⏎', Backspace: '⌫', Tab: '⇥', Delete: '⌦', Escape: '⎋',
  ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓',
};

/** A successful input.key command: part of a burst. */
export function isTyping(e: HubEvent): boolean {
  const d = e.data ?? {};
  return e.kind === 'command' && d.method === 'input.key' && (d.outcome === undefined || d.outcome === 'ok');
}

/** What one key adds to the typed text, as a person reads it; null for a key the page hid. */
export function keyText(data: Record<string, unknown>): string | null {
  if (data.secret === true) {
    return null;
  }
  if (typeof data.text === 'string') {
    return data.text;
  }
  const key = typeof data.key === 'string' ? data.key : '';
  if ([...key].length === 1) {
    return key;
  }
  return KEY_SYMBOLS[key] ?? `[${key}]`;
}

/** Who ran a command: the client's id, and how people read it ("human dashboard"); undefined for other events. */
export function commandClient(e: HubEvent): { id: string; who: string } | undefined {
  if (e.kind !== 'command') {
    return undefined;
  }
  const c = (e.data?.client ?? {}) as { id?: string; name?: string; kind?: string };
  return { id: c.id ?? c.name ?? '?', who: `${c.kind ?? ''} ${c.name ?? '?'}`.trim() };
}

export function startBurst(e: HubEvent): Burst {
  const c = commandClient(e)!;
  const ts = Date.parse(e.ts);
  const text = keyText(e.data ?? {});
  return { clientId: c.id, who: c.who, firstTs: ts, lastTs: ts, firstSeq: e.seq, lastSeq: e.seq, text: text ?? '', hidden: text === null ? 1 : 0 };
}

/** Whether e continues the burst, coming after it (newer) or before it (when older entries are loaded). */
export function continues(b: Burst, e: HubEvent, newer: boolean): boolean {
  if (!isTyping(e) || commandClient(e)?.id !== b.clientId) {
    return false;
  }
  const ts = Date.parse(e.ts);
  return newer ? ts >= b.lastTs && ts - b.lastTs <= BURST_GAP_MS : ts <= b.firstTs && b.firstTs - ts <= BURST_GAP_MS;
}

export function extend(b: Burst, e: HubEvent, newer: boolean): Burst {
  const text = keyText(e.data ?? {});
  const ts = Date.parse(e.ts);
  const hidden = b.hidden + (text === null ? 1 : 0);
  return newer
    ? { ...b, lastTs: ts, lastSeq: e.seq, text: b.text + (text ?? ''), hidden }
    : { ...b, firstTs: ts, firstSeq: e.seq, text: (text ?? '') + b.text, hidden };
}

/** "human dashboard typed “Hello”", "… typed 8 keys into a password field". */
export function describeBurst(b: Burst): string {
  const keys = (n: number) => `${n} key${n === 1 ? '' : 's'}`;
  const hidden = b.hidden > 0 ? `${keys(b.hidden)} into a password field` : '';
  if (!b.text) {
    return `${b.who} typed ${hidden}`;
  }
  return `${b.who} typed “${b.text}”${hidden ? ` and ${hidden}` : ''}`;
}
