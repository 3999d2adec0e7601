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

/** A sentence for the person: which action failed, and the hub's own explanation. */
export function describeError(action: string, e: unknown): string {
  if (e instanceof RpcError) {
    return `${action}: ${e.message}${e.code ? ` (${e.kind})` : ''}`;
  }
  return `${action}: ${e instanceof Error ? e.message : String(e)}`;
}

export function toast(message: string, kind: 'error' | 'info' = 'info'): void {
  const box = document.getElementById('toasts')!;
  // the same error from a burst of input events is shown once
  for (const existing of box.children) {
    if (existing.firstChild?.textContent === message) {
      return;
    }
  }
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss' }, '×');
  const item = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('span', {}, message), close);
  close.addEventListener('click', () => item.remove());
  box.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 15_000 : 6_000);
}

export function showError(action: string, e: unknown): void {
  toast(describeError(action, e), 'error');
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
