// The sessions view: every session with its state, tabs, idle time and controller; create, stop, delete, open.
import { Hub } from '../hub';
import { SessionDefaults, SessionInfo } from '../protocol';
import { RpcError } from '../rpc';
import { confirmDialog, formatDuration, h, parseInstant, resolveToasts, setText, showError, toast } from '../ui';
import { launchOptionFields } from './launchoptions';
import { REFRESH_MS, View } from './view';

const ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}';
/** How often a running session's thumbnail is renewed while this view is open (one session at a time). */
const THUMBNAIL_MS = 3000;
const LIST_KEY = 'sessions:list';

interface Row {
  tr: HTMLTableRowElement;
  thumb: HTMLCanvasElement;
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
  private readonly thumbTimer: number;
  private readonly offReady: () => void;
  private loaded = false;
  private thumbnailing = false;
  private disposed = false;
  private form!: CreateForm;

  constructor(private readonly hub: Hub) {
    this.body = h('tbody');
    this.empty = h('p', { class: 'empty', hidden: true },
      'No sessions yet. Create one below, or let an agent call session.create.');
    const table = h('table', { class: 'sessions' },
      h('caption', { class: 'visually-hidden' }, 'Sessions of this hub'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Live picture')),
        h('th', { scope: 'col' }, 'Session'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Tabs'),
        h('th', { scope: 'col' }, 'Idle'), h('th', { scope: 'col' }, 'Controller'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      this.body);
    this.element = h('section', { class: 'sessions-view', 'aria-labelledby': 'sessions-title' },
      h('h1', { id: 'sessions-title', tabindex: -1 }, 'Sessions'),
      h('div', { class: 'table-scroll' }, table),
      this.empty,
      this.createForm());
    this.offReady = hub.whenReady(() => {
      this.form.showDefaults(this.hub.sessionDefaults);
      void this.refresh().then(() => this.thumbnails());
    });
    this.timer = window.setInterval(() => void this.refresh(), REFRESH_MS);
    this.thumbTimer = window.setInterval(() => void this.thumbnails(), THUMBNAIL_MS);
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    clearInterval(this.thumbTimer);
    this.offReady();
  }

  /**
   * Renews the picture of every running session, one after the other, while this view is open and visible.
   * session.thumbnail never starts a browser and does not count as activity, so an open overview keeps no
   * session alive that would otherwise stop.
   */
  private async thumbnails(): Promise<void> {
    if (this.thumbnailing || !this.hub.ready || !this.hub.has('session.thumbnail') || document.visibilityState !== 'visible') {
      return;
    }
    this.thumbnailing = true;
    try {
      for (const row of [...this.rows.values()]) {
        if (this.disposed) {
          return;
        }
        if (row.info.state !== 'running') {
          blankThumbnail(row.thumb, row.info.state);
          continue;
        }
        try {
          const r = await this.hub.rpc.call<{ running: boolean; data?: string; mimeType?: string }>('session.thumbnail', { session: row.info.id });
          if (r.data) {
            await drawThumbnail(row.thumb, r.data, r.mimeType ?? 'image/jpeg');
          } else if (!r.running) {
            blankThumbnail(row.thumb, 'stopped');
          }
        } catch {
          // a session deleted meanwhile, or the connection gone: the list says so, a thumbnail need not
        }
      }
    } finally {
      this.thumbnailing = false;
    }
  }

  private async refresh(): Promise<void> {
    if (!this.hub.ready) {
      return;
    }
    try {
      const r = await this.hub.rpc.call<{ sessions: SessionInfo[] }>('session.list');
      resolveToasts(LIST_KEY);
      this.render(r.sessions);
    } catch (e) {
      if (this.hub.rpc.connectionState === 'open') {
        showError('Could not list the sessions', e, LIST_KEY);
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
      thumb: h('canvas', { class: 'thumb', width: 192, height: 108, role: 'img', 'aria-label': `Live picture of session ${id}` }),
      state: h('span', { class: 'state' }),
      tabs: h('td', { class: 'tabs-cell', 'data-label': 'Tabs' }),
      idle: h('td', { class: 'idle', 'data-label': 'Idle' }),
      controller: h('td', { class: 'controller', 'data-label': 'Controller' }),
      stop,
      info,
    };
    row.tr.append(
      // the picture opens the session too; the link after it is the one keyboard users reach
      h('td', { class: 'thumb-cell' }, h('a', { href: sessionHref(id), tabindex: -1, 'aria-hidden': 'true' }, row.thumb)),
      h('th', { scope: 'row' }, h('a', { href: sessionHref(id), class: 'session-link' }, id),
        info.driver === 'extension' ? h('a', { class: 'driver-tag', href: '#/extension',
          title: 'A person\'s own browser, through the browserhub extension: its shared tabs' }, 'your browser') : null),
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
    this.form = new CreateForm((params) => this.create(params));
    return this.form.element;
  }

  private async create(params: Record<string, unknown>): Promise<boolean> {
    try {
      const info = await this.hub.rpc.call<SessionInfo>('session.create', params);
      toast(`Session ${info.id} created.`);
      await this.refresh();
      void this.thumbnails();
      return true;
    } catch (err) {
      showError('Could not create the session', err as RpcError);
      return false;
    }
  }
}

/** The picture of a session that is not running: its state, in words, where the page would be. */
function blankThumbnail(canvas: HTMLCanvasElement, state: string): void {
  if (canvas.dataset.state === state) {
    return;
  }
  canvas.dataset.state = state;
  delete canvas.dataset.frames;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#e8eaee';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#5b6475';
  g.font = '14px system-ui, sans-serif';
  g.textAlign = 'center';
  g.fillText(state, canvas.width / 2, canvas.height / 2 + 5);
}

/** Draws a JPEG (base64) into the canvas, letterboxed; the Content-Security-Policy allows no data: images. */
async function drawThumbnail(canvas: HTMLCanvasElement, base64: string, type: string): Promise<void> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type }));
  const g = canvas.getContext('2d')!;
  const scale = Math.min(canvas.width / bitmap.width, canvas.height / bitmap.height);
  const w = bitmap.width * scale;
  const hgt = bitmap.height * scale;
  g.fillStyle = '#2a2f3a';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(bitmap, (canvas.width - w) / 2, (canvas.height - hgt) / 2, w, hgt);
  bitmap.close();
  canvas.dataset.state = 'running';
  canvas.dataset.frames = String(Number(canvas.dataset.frames ?? 0) + 1);
}

/**
 * The "New session" form. Options left empty are not sent, so the hub's defaults apply; the fields show those
 * defaults as hints (placeholders, in grey italics), never as values that would look filled in.
 */
class CreateForm {
  readonly element: HTMLFormElement;
  private readonly headless: HTMLInputElement;
  private readonly width: HTMLInputElement;
  private readonly height: HTMLInputElement;
  private readonly idle: HTMLInputElement;
  private defaultsShown = false;

  constructor(create: (params: Record<string, unknown>) => Promise<boolean>) {
    const field = (label: string, input: HTMLInputElement) => h('label', { class: 'field' }, h('span', {}, label), input);
    const id = h('input', { name: 'id', pattern: ID_PATTERN, maxlength: 64, placeholder: 'generated when empty', autocomplete: 'off' });
    this.headless = h('input', { type: 'checkbox', name: 'headless', checked: true });
    this.width = h('input', { type: 'number', name: 'width', min: 16, max: 7680, placeholder: 'hub default' });
    this.height = h('input', { type: 'number', name: 'height', min: 16, max: 4320, placeholder: 'hub default' });
    this.idle = h('input', { type: 'number', name: 'idleTimeoutSec', min: 0, placeholder: 'hub default' });
    const locale = h('input', { name: 'locale', placeholder: 'browser default, e.g. en-GB', autocomplete: 'off' });
    const timezone = h('input', { name: 'timezoneId', placeholder: 'this computer\'s, e.g. Europe/Paris', autocomplete: 'off' });
    const userAgent = h('input', { name: 'userAgent', placeholder: 'browser default', autocomplete: 'off' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Create session');
    const launch = launchOptionFields();
    this.element = h('form', { class: 'create-form', 'aria-labelledby': 'create-title' },
      h('h2', { id: 'create-title' }, 'New session'),
      h('div', { class: 'create-row' },
        field('Id', id),
        h('label', { class: 'check' }, this.headless, h('span', {}, 'Headless')),
        submit),
      h('details', {},
        h('summary', {}, 'More options'),
        h('div', { class: 'create-options' },
          field('Viewport width (px)', this.width), field('Viewport height (px)', this.height),
          field('Idle timeout (s, 0 = never)', this.idle), field('Locale', locale),
          field('Time zone', timezone), field('User agent', userAgent)),
        launch.element));
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      const params: Record<string, unknown> = { headless: this.headless.checked };
      const text = (i: HTMLInputElement) => i.value.trim();
      if (text(id)) params.id = text(id);
      if (text(this.width) || text(this.height)) {
        if (!text(this.width) || !text(this.height)) {
          toast('Give both the viewport width and height, or neither.', 'error');
          (text(this.width) ? this.height : this.width).focus();
          return;
        }
        params.viewport = { width: Number(text(this.width)), height: Number(text(this.height)) };
      }
      if (text(this.idle)) params.idleTimeoutSec = Number(text(this.idle));
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
      void create(params).then((created) => {
        if (created) {
          id.value = '';
          id.focus();
        }
      }).finally(() => {
        submit.disabled = false;
        setText(submit, 'Create session');
      });
    });
  }

  /** The hub's own defaults (hub.info), as hints; the headless box starts as the hub would choose. */
  showDefaults(defaults: SessionDefaults | null): void {
    if (!defaults) {
      return;
    }
    this.width.placeholder = `default ${defaults.viewport.width}`;
    this.height.placeholder = `default ${defaults.viewport.height}`;
    this.idle.placeholder = `default ${defaults.idleTimeoutSec}${defaults.idleTimeoutSec >= 60 && defaults.idleTimeoutSec % 60 === 0
      ? ` (${defaults.idleTimeoutSec / 60} min)` : ''}`;
    if (!this.defaultsShown) {
      this.headless.checked = defaults.headless;
      this.defaultsShown = true;
    }
  }
}
