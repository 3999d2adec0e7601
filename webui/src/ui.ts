// Small DOM helpers: elements built from data (text only, never HTML: titles and URLs come from web pages),
// toasts, the connection banner and the confirmation dialog.
import { RpcError } from './rpc';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) {
      continue;
    }
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, ''), value);
    } else if (name === 'class') {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c !== null && c !== undefined && c !== false) {
      parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** Sets text only when it changed, so screen readers and selections are not disturbed on every refresh. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) {
    el.textContent = text;
  }
}

/** Who holds control, as people read it: "agent research-bot", "human alice". */
function holderName(data: Record<string, unknown>): string {
  const holder = data.holder as { name?: string; kind?: string } | undefined;
  return holder?.name ? `${holder.kind === 'human' ? 'the person' : 'the agent'} “${holder.name}”` : 'someone else';
}

/**
 * What went wrong, for a person at the dashboard: what to click, never the API's wording (method names,
 * parameters, error kinds). The hub's own sentence is kept where it already speaks to people.
 */
export function forPeople(e: unknown): string {
  if (!(e instanceof RpcError)) {
    return e instanceof Error ? e.message : String(e);
  }
  switch (e.kind) {
    case 'CONTROL_HELD':
      return `${holderName(e.data)} is driving this session. Click “Take control” to take over.`;
    case 'SESSION_NOT_FOUND':
      return 'This session does not exist (any more). Go back to “Sessions”.';
    case 'SESSION_UNAVAILABLE':
      return `The browser is not running (${e.message.replace(/\.$/, '')}). Click “Start the browser” to try again.`;
    case 'LIMIT_REACHED':
      return `${e.message} Stop a session you do not need on the Sessions page, then try again.`;
    case 'METHOD_NOT_FOUND':
      return 'This hub does not offer that (it is an older version).';
    case 'UNAUTHORIZED':
      return 'This browser is not signed in to the hub: open the link the hub printed when it started.';
    case 'INTERNAL_ERROR':
      return `The hub failed unexpectedly; its log has the details. (${e.message})`;
    default:
      return e.message;
  }
}

/** A sentence for the person: which action failed, and what to do about it. */
export function describeError(action: string, e: unknown): string {
  return `${action}: ${forPeople(e)}`;
}

const TOAST_MS = { info: 6_000, error: 12_000 };

export interface ToastOptions {
  /** What the toast is about; {@link resolveToasts} with the same key removes it once that is sorted out. */
  key?: string;
}

/**
 * A message in the corner that closes by itself (later while the pointer or the keyboard is on it, so it can be
 * read and its close button reached), or when the situation it describes is resolved.
 */
export function toast(message: string, kind: 'error' | 'info' = 'info', options: ToastOptions = {}): void {
  const box = document.getElementById('toasts')!;
  // the same message from a burst of input events is shown once
  for (const existing of box.children) {
    if (existing.firstChild?.textContent === message) {
      return;
    }
  }
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss' }, '×');
  const item = h('div', {
    class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-key': options.key,
  }, h('span', {}, message), close);
  close.addEventListener('click', () => item.remove());
  let timer = 0;
  const schedule = () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => item.remove(), TOAST_MS[kind]);
  };
  const hold = () => clearTimeout(timer);
  item.addEventListener('pointerenter', hold);
  item.addEventListener('pointerleave', schedule);
  item.addEventListener('focusin', hold);
  item.addEventListener('focusout', schedule);
  box.appendChild(item);
  schedule();
}

/** Removes the toasts about something that is no longer so (a lost connection that is back, control regained). */
export function resolveToasts(key: string): void {
  for (const item of [...document.querySelectorAll<HTMLElement>('#toasts .toast')]) {
    if (item.dataset.key === key) {
      item.remove();
    }
  }
}

/** Toasts about a lost connection carry this key; they go when the dashboard is connected again. */
export const CONNECTION_KEY = 'connection';

export function showError(action: string, e: unknown, key?: string): void {
  // a request the lost connection took with it is about the connection, whatever it was for
  const lost = e instanceof RpcError && e.code === 0;
  toast(describeError(action, e), 'error', { key: lost ? CONNECTION_KEY : key });
}

export function banner(message: string | null): void {
  const el = document.getElementById('banner')!;
  el.hidden = message === null;
  setText(el, message ?? '');
}

/** A modal question; resolves true when the person confirms. */
export function confirmDialog(title: string, text: string, confirmLabel: string): Promise<boolean> {
  const dialog = document.getElementById('confirm') as HTMLDialogElement;
  setText(dialog.querySelector('#confirm-title')!, title);
  setText(dialog.querySelector('#confirm-text')!, text);
  setText(dialog.querySelector('#confirm-ok')!, confirmLabel);
  dialog.returnValue = 'cancel';
  dialog.showModal();
  (dialog.querySelector('button[value="cancel"]') as HTMLButtonElement).focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

/** "42 s", "3 min", "2 h 5 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) {
    return `${s} s`;
  }
  const min = Math.floor(s / 60);
  if (min < 60) {
    return `${min} min`;
  }
  const hours = Math.floor(min / 60);
  if (hours < 48) {
    return min % 60 ? `${hours} h ${min % 60} min` : `${hours} h`;
  }
  return `${Math.floor(hours / 24)} days`;
}

/** Instants arrive as ISO strings (or epoch numbers from some serialisers). */
export function parseInstant(value: string | number | null | undefined): number {
  if (value === null || value === undefined) {
    return NaN;
  }
  return typeof value === 'number' ? (value < 1e11 ? value * 1000 : value) : Date.parse(value);
}

export function clockTime(value: string | number): string {
  const t = parseInstant(value);
  return Number.isNaN(t) ? String(value) : new Date(t).toLocaleTimeString([], { hour12: false });
}
