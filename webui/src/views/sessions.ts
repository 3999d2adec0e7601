// The sessions view: every session with its state, tabs, idle time and controller; create, stop, delete, open.
import { Hub } from '../hub';
import { SessionInfo } from '../protocol';
import { RpcError } from '../rpc';
import { confirmDialog, formatDuration, h, parseInstant, setText, showError, toast } from '../ui';
import { launchOptionFields } from './launchoptions';
import { REFRESH_MS, View } from './view';

const ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}';

interface Row {
  tr: HTMLTableRowElement;
  state: HTMLSpanElement;
  tabs: HTMLTableCellElement;
  idle: HTMLTableCellElement;
  controller: HTMLTableCellElement;
  stop: HTMLButtonElement;
  info: SessionInfo;
}

export function sessionHref(id: string): string {
  return `#/s/${encodeURIComponent(id)}`;
}

export function controllerText(info: SessionInfo, me: string): string {
  const c = info.controller;
  if (!c) {
    return 'free';
  }
  return c.clientId === me ? 'you' : `${c.kind} ${c.name}`;
}

export class SessionsView implements View {
  readonly element: HTMLElement;
  readonly title = 'Sessions';
  private readonly body: HTMLTableSectionElement;
  private readonly empty: HTMLParagraphElement;
  private readonly rows = new Map<string, Row>();
  private readonly timer: number;
  private readonly offReady: () => void;
  private loaded = false;

  constructor(private readonly hub: Hub) {
    this.body = h('tbody');
    this.empty = h('p', { class: 'empty', hidden: true },
      'No sessions yet. Create one below, or let an agent call session.create.');
    const table = h('table', { class: 'sessions' },
      h('caption', { class: 'visually-hidden' }, 'Sessions of this hub'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Session'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Tabs'),
        h('th', { scope: 'col' }, 'Idle'), h('th', { scope: 'col' }, 'Controller'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      this.body);
    this.element = h('section', { class: 'sessions-view', 'aria-labelledby': 'sessions-title' },
      h('h1', { id: 'sessions-title', tabindex: -1 }, 'Sessions'),
      h('div', { class: 'table-scroll' }, table),
      this.empty,
      this.createForm());
    this.offReady = hub.whenReady(() => void this.refresh());
    this.timer = window.setInterval(() => void this.refresh(), REFRESH_MS);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.offReady();
  }

  private async refresh(): Promise<void> {
    if (!this.hub.ready) {
      return;
    }
    try {
      const r = await this.hub.rpc.call<{ sessions: SessionInfo[] }>('session.list');
      this.render(r.sessions);
    } catch (e) {
      if (this.hub.rpc.connectionState === 'open') {
        showError('Could not list the sessions', e);
      }
    }
  }

  private render(sessions: SessionInfo[]): void {
    this.loaded = true;
    const seen = new Set<string>();
    const sorted = [...sessions].sort((a, b) => a.id.localeCompare(b.id));
    for (const info of sorted) {
      seen.add(info.id);
      const row = this.rows.get(info.id) ?? this.addRow(info);
      row.info = info;
      setText(row.state, info.state);
      row.state.className = `state state-${info.state}`;
      const active = info.tabs.find((t) => t.active);
      setText(row.tabs, info.tabs.length === 0 ? '—'
        : `${info.tabs.length} · ${active ? active.title || active.url : ''}`);
      row.tabs.title = active?.url ?? '';
      const idleMs = Date.now() - parseInstant(info.lastActivityAt);
      setText(row.idle, Number.isNaN(idleMs) ? '—' : formatDuration(idleMs));
      setText(row.controller, controllerText(info, this.hub.clientId));
      row.stop.disabled = info.state === 'stopped' || info.state === 'stopping';
      this.body.appendChild(row.tr); // keeps the order; moving a row keeps its focus
    }
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.tr.remove();
        this.rows.delete(id);
      }
    }
    this.empty.hidden = !this.loaded || sessions.length > 0;
  }

  private addRow(info: SessionInfo): Row {
    const id = info.id;
    const stop = h('button', { type: 'button', 'aria-label': `Stop session ${id}` }, 'Stop');
    const del = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete session ${id}` }, 'Delete');
    const row: Row = {
      tr: h('tr', { 'data-session': id }),
      state: h('span', { class: 'state' }),
      tabs: h('td', { class: 'tabs-cell', 'data-label': 'Tabs' }),
      idle: h('td', { class: 'idle', 'data-label': 'Idle' }),
      controller: h('td', { class: 'controller', 'data-label': 'Controller' }),
      stop,
      info,
    };
    row.tr.append(
      h('th', { scope: 'row' }, h('a', { href: sessionHref(id), class: 'session-link' }, id)),
      h('td', { 'data-label': 'State' }, row.state), row.tabs, row.idle, row.controller,
      h('td', { class: 'actions' }, h('div', { class: 'action-buttons' },
        h('a', { class: 'button', href: sessionHref(id), 'aria-label': `Open session ${id}` }, 'Open'), stop, del)));
    const open = row.tr.querySelector('a.button') as HTMLAnchorElement;
    stop.addEventListener('click', () => void this.stop(id, stop, open));
    del.addEventListener('click', () => void this.delete(id));
    this.rows.set(id, row);
    return row;
  }

  private async stop(id: string, button: HTMLButtonElement, open: HTMLElement): Promise<void> {
    const hadFocus = document.activeElement === button;
    button.disabled = true;
    if (hadFocus) {
      open.focus(); // a disabled button loses the keyboard focus
    }
    try {
      await this.hub.rpc.call('session.stop', { id });
      toast(`Session ${id} stopped; its profile is kept.`);
    } catch (e) {
      showError(`Could not stop ${id}`, e);
    }
    await this.refresh();
  }

  private async delete(id: string): Promise<void> {
    const sure = await confirmDialog(`Delete session ${id}?`,
      'Its browser closes and its profile (logins, cookies, history), logs, screenshots and traces are removed. This cannot be undone.',
      'Delete');
    if (!sure) {
      return;
    }
    try {
      await this.hub.rpc.call('session.delete', { id });
      toast(`Session ${id} deleted.`);
    } catch (e) {
      showError(`Could not delete ${id}`, e);
    }
    await this.refresh();
    if (!this.element.contains(document.activeElement)) {
      // the row and its button are gone: keyboard users continue from the list's heading
      (this.element.querySelector('h1') as HTMLElement).focus();
    }
  }

  private createForm(): HTMLFormElement {
    const field = (label: string, input: HTMLInputElement) => h('label', { class: 'field' }, h('span', {}, label), input);
    const id = h('input', { name: 'id', pattern: ID_PATTERN, maxlength: 64, placeholder: 'generated when empty', autocomplete: 'off' });
    const headless = h('input', { type: 'checkbox', name: 'headless', checked: true });
    const width = h('input', { type: 'number', name: 'width', min: 16, max: 7680, placeholder: '1280' });
    const height = h('input', { type: 'number', name: 'height', min: 16, max: 4320, placeholder: '720' });
    const idle = h('input', { type: 'number', name: 'idleTimeoutSec', min: 0, placeholder: 'hub default' });
    const locale = h('input', { name: 'locale', placeholder: 'en-GB', autocomplete: 'off' });
    const timezone = h('input', { name: 'timezoneId', placeholder: 'Europe/Paris', autocomplete: 'off' });
    const userAgent = h('input', { name: 'userAgent', placeholder: 'browser default', autocomplete: 'off' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Create session');
    const launch = launchOptionFields();
    const form = h('form', { class: 'create-form', 'aria-labelledby': 'create-title' },
      h('h2', { id: 'create-title' }, 'New session'),
      h('div', { class: 'create-row' },
        field('Id', id),
        h('label', { class: 'check' }, headless, h('span', {}, 'Headless')),
        submit),
      h('details', {},
        h('summary', {}, 'More options'),
        h('div', { class: 'create-options' },
          field('Viewport width (px)', width), field('Viewport height (px)', height),
          field('Idle timeout (s, 0 = never)', idle), field('Locale', locale),
          field('Time zone', timezone), field('User agent', userAgent)),
        launch.element));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const params: Record<string, unknown> = { headless: headless.checked };
      const text = (i: HTMLInputElement) => i.value.trim();
      if (text(id)) params.id = text(id);
      if (text(width) || text(height)) {
        if (!text(width) || !text(height)) {
          toast('Give both the viewport width and height, or neither.', 'error');
          (text(width) ? height : width).focus();
          return;
        }
        params.viewport = { width: Number(text(width)), height: Number(text(height)) };
      }
      if (text(idle)) params.idleTimeoutSec = Number(text(idle));
      if (text(locale)) params.locale = text(locale);
      if (text(timezone)) params.timezoneId = text(timezone);
      if (text(userAgent)) params.userAgent = text(userAgent);
      const extra = launch.collect();
      if (extra === null) {
        return;
      }
      Object.assign(params, extra);
      submit.disabled = true;
      setText(submit, 'Creating…');
      this.hub.rpc.call<SessionInfo>('session.create', params)
        .then((info) => {
          toast(`Session ${info.id} created.`);
          id.value = '';
          id.focus();
          return this.refresh();
        })
        .catch((err: RpcError) => showError('Could not create the session', err))
        .finally(() => {
          submit.disabled = false;
          setText(submit, 'Create session');
        });
    });
    return form;
  }
}
