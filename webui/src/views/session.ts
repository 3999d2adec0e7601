// The session view: the live screencast, tabs, address bar, who drives, and taking control.
import { Control } from '../control';
import { Hub } from '../hub';
import { CanvasInput, Send } from '../input';
import { ErrorCode, FrameHeader, Holder, HubEvent, SessionInfo, TabInfo } from '../protocol';
import { RpcError } from '../rpc';
import { Screencast } from '../screencast';
import { h, setText, showError, toast } from '../ui';
import { FilesPanel } from './files';
import { SidePanel } from './sidepanel';
import { TimelineStrip } from './timeline';
import { REFRESH_MS, View } from './view';

/** Kinds after which the tabs and address bar are re-read at once instead of at the next refresh. */
const REFRESHING_KINDS = ['page.navigated', 'page.load', 'tab.opened', 'tab.closed', 'session.state'];
const EVENTED_REFRESH_MS = 15_000;

/** "example.com" means https://example.com; anything with a scheme (or about:) is taken as typed. */
export function normalizeUrl(typed: string): string {
  const t = typed.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(t)) {
    return t;
  }
  return /^(localhost|127\.|\[::1\])/.test(t) ? `http://${t}` : `https://${t}`;
}

export class SessionView implements View {
  readonly element: HTMLElement;
  readonly title: string;
  private info: SessionInfo | null = null;
  private readonly control: Control;
  private readonly screencast: Screencast;
  private readonly input: CanvasInput;
  private readonly side: SidePanel;
  private readonly timeline: TimelineStrip;
  private readonly files: FilesPanel;
  private readonly canvas: HTMLCanvasElement;
  private readonly stage: HTMLDivElement;
  private readonly overlay: HTMLDivElement;
  private readonly overlayText: HTMLParagraphElement;
  private readonly startButton: HTMLButtonElement;
  private readonly stateBadge: HTMLSpanElement;
  private readonly controlStatus: HTMLSpanElement;
  private readonly controlNote: HTMLSpanElement;
  private readonly controlButton: HTMLButtonElement;
  private readonly tabBar: HTMLDivElement;
  private readonly address: HTMLInputElement;
  private readonly hint: HTMLParagraphElement;
  private tabsSignature = '';
  private casting = false;
  private gone = false;
  private refreshTimer = 0;
  private refreshSoon = 0;
  private lastRefresh = 0;
  private controlBusy = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly hub: Hub, private readonly id: string) {
    this.title = `Session ${id}`;
    this.control = new Control(hub, id);
    this.canvas = h('canvas', {
      class: 'screen', tabindex: 0, role: 'application', 'aria-roledescription': 'remote browser',
      'aria-label': `Live view of session ${id}`, 'aria-describedby': 'screen-hint', width: 1280, height: 720,
    });
    this.overlayText = h('p', {}, 'Connecting…');
    this.startButton = h('button', { type: 'button', class: 'primary', hidden: true, onclick: () => void this.startSession() }, 'Start the browser');
    this.overlay = h('div', { class: 'overlay' }, this.overlayText, this.startButton);
    this.stage = h('div', { class: 'stage' }, this.canvas, this.overlay);
    this.hint = h('p', { class: 'hint', id: 'screen-hint' });
    this.stateBadge = h('span', { class: 'state' });
    this.controlStatus = h('span', { class: 'control-status', id: 'control-status', role: 'status', 'aria-live': 'polite' });
    this.controlNote = h('span', { class: 'control-note', hidden: true }, 'control leases: not available on this hub');
    this.controlButton = h('button', { type: 'button', class: 'primary', id: 'control-button', onclick: () => void this.toggleControl() }, 'Take control');
    this.tabBar = h('div', { class: 'tab-bar', role: 'toolbar', 'aria-label': 'Tabs' });
    this.address = h('input', { type: 'text', class: 'address', 'aria-label': 'Address', spellcheck: 'false', autocomplete: 'off', placeholder: 'Type a URL and press Enter' });

    const nav = (method: string, label: string, text: string) =>
      h('button', { type: 'button', class: 'nav', 'aria-label': label, title: label, onclick: () => void this.drive(method, {}, label) }, text);
    const addressForm = h('form', { class: 'address-bar', role: 'search', 'aria-label': 'Navigation' },
      nav('page.back', 'Back', '←'), nav('page.forward', 'Forward', '→'), nav('page.reload', 'Reload', '⟳'),
      this.address, h('button', { type: 'submit' }, 'Go'));
    addressForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.address.value.trim()) {
        void this.drive('page.goto', { url: normalizeUrl(this.address.value) }, 'Could not open the address').then(() => this.address.blur());
      }
    });

    this.side = new SidePanel(hub, id, (e) => this.onEvent(e));
    this.timeline = new TimelineStrip(hub, id, this.stage);
    this.files = new FilesPanel(hub, id);
    this.side.element.insertBefore(this.files.element, this.side.element.children[1] ?? null);
    this.element = h('section', { class: 'session-view', 'aria-labelledby': 'session-title' },
      h('div', { class: 'session-head' },
        h('a', { href: '#/', class: 'back' }, '← Sessions'),
        h('h1', { id: 'session-title', tabindex: -1 }, id),
        this.stateBadge,
        h('span', { class: 'control' }, h('span', { class: 'control-label' }, 'Control:'), this.controlStatus, this.controlNote, this.controlButton)),
      h('div', { class: 'browser' }, this.tabBar, addressForm, this.stage, this.hint, this.timeline.element),
      this.side.element);

    this.screencast = new Screencast(hub, id, this.canvas, (header) => this.onFrame(header));
    const send: Send = (method, params) => this.hub.rpc.call(method, { session: this.id, ...params }).catch((e) => this.inputFailed(e));
    this.input = new CanvasInput(this.canvas, () => this.info?.viewport ?? { width: 1280, height: 720 }, send,
      () => this.controlButton.focus());
    this.control.onChange(() => this.renderControl());
    this.renderControl();

    const resize = new ResizeObserver(() => this.fit());
    resize.observe(this.stage);
    this.cleanups.push(() => resize.disconnect());
    this.cleanups.push(hub.rpc.onNotification((method, params) => this.onNotification(method, params)));
    this.cleanups.push(hub.rpc.onState((state) => {
      if (state !== 'open') {
        this.casting = false;
        this.control.update(null);
        this.showOverlay('Reconnecting to the hub…', false);
      }
    }));
    this.cleanups.push(hub.whenReady(() => void this.connected()));
    this.refreshTimer = window.setInterval(() => {
      // with the event stream, changes arrive as events; re-reading is only a safety net then
      if (!this.hub.has('events.subscribe') || Date.now() - this.lastRefresh >= EVENTED_REFRESH_MS) {
        void this.refresh();
      }
    }, REFRESH_MS);
  }

  dispose(): void {
    clearInterval(this.refreshTimer);
    clearTimeout(this.refreshSoon);
    this.cleanups.forEach((c) => c());
    this.input.dispose();
    this.screencast.dispose();
    this.side.dispose();
    this.timeline.dispose();
    this.files.dispose();
    if (this.control.isDriving && this.control.leases) {
      void this.control.release().catch(() => undefined);
    }
  }

  private async connected(): Promise<void> {
    this.casting = false;
    this.side.ready();
    this.timeline.ready();
    this.files.ready();
    this.renderControl();
    await this.refresh();
  }

  /** Re-reads the session; starts watching once it runs. */
  private async refresh(): Promise<void> {
    if (!this.hub.ready || this.gone) {
      return;
    }
    this.lastRefresh = Date.now();
    const version = this.control.version;
    try {
      const info = await this.hub.rpc.call<SessionInfo>('session.get', { id: this.id });
      this.render(info, version);
    } catch (e) {
      if (e instanceof RpcError && e.code === ErrorCode.SESSION_NOT_FOUND) {
        this.gone = true;
        this.showOverlay(`Session ${this.id} does not exist (any more).`, false);
        setText(this.stateBadge, 'deleted');
        this.stateBadge.className = 'state state-stopped';
      } else if (this.hub.rpc.connectionState === 'open') {
        showError('Could not read the session', e);
      }
    }
  }

  private render(info: SessionInfo, controlVersion: number): void {
    this.info = info;
    setText(this.stateBadge, info.state);
    this.stateBadge.className = `state state-${info.state}`;
    this.control.update(info.controller, controlVersion);
    this.renderTabs(info.tabs);
    const active = info.tabs.find((t) => t.active);
    if (active && document.activeElement !== this.address && this.address.value !== active.url) {
      this.address.value = active.url;
    }
    if ((info.state === 'running' || info.state === 'starting') && !this.casting) {
      void this.watch();
    } else if ((info.state === 'stopped' || info.state === 'crashed') && !this.casting) {
      this.showOverlay(info.state === 'crashed' ? 'The browser crashed.' : 'The browser is stopped; its profile is kept.', true);
    }
  }

  private async watch(): Promise<void> {
    this.casting = true;
    this.showOverlay(this.screencast.drawn ? null : 'Waiting for the first frame…', false);
    try {
      await this.screencast.start();
    } catch (e) {
      this.casting = false;
      showError('Could not start the live view', e);
    }
  }

  private async startSession(): Promise<void> {
    this.startButton.disabled = true;
    this.showOverlay('Starting the browser…', false);
    try {
      const info = await this.hub.rpc.call<SessionInfo>('session.ensure', { id: this.id });
      this.render(info, this.control.version);
    } catch (e) {
      showError('Could not start the browser', e);
      this.showOverlay('The browser is stopped.', true);
    } finally {
      this.startButton.disabled = false;
    }
  }

  private showOverlay(text: string | null, offerStart: boolean): void {
    this.overlay.hidden = text === null;
    setText(this.overlayText, text ?? '');
    this.startButton.hidden = !offerStart;
  }

  private onFrame(header: FrameHeader): void {
    this.overlay.hidden = true;
    this.canvas.dataset.frames = String(this.screencast.drawn);
    this.canvas.dataset.seq = String(header.seq);
    this.fit();
  }

  /** The canvas keeps the page's aspect ratio and fills as much of the stage as it can. */
  private fit(): void {
    const w = this.canvas.width;
    const hgt = this.canvas.height;
    this.stage.style.setProperty('--frame-ratio', `${w} / ${hgt}`);
    const scale = Math.min(this.stage.clientWidth / w, this.stage.clientHeight / hgt);
    if (scale > 0 && Number.isFinite(scale)) {
      this.canvas.style.width = `${Math.floor(w * scale)}px`;
      this.canvas.style.height = `${Math.floor(hgt * scale)}px`;
    }
  }

  private onNotification(method: string, params: Record<string, unknown>): void {
    if (params.session !== this.id) {
      return;
    }
    if (method === 'event') {
      this.side.handleEvent(params as unknown as HubEvent);
    } else if (method === 'screencast.ended') {
      this.casting = false;
      this.showOverlay(`The live view ended: ${String(params.reason ?? 'the browser stopped')}.`, true);
      this.scheduleRefresh();
    }
  }

  private onEvent(e: HubEvent): void {
    this.timeline.handleEvent(e);
    this.files.handleEvent(e);
    if (e.kind === 'control.changed') {
      const holder = (e.data.holder ?? null) as Holder | null;
      const wasDriving = this.control.isDriving;
      this.control.update(holder);
      if (wasDriving && !this.control.isDriving) {
        toast(holder ? `${holder.kind} ${holder.name} took control; your input no longer goes to the page.`
          : 'Your control of the session ended.');
      }
    }
    if (REFRESHING_KINDS.includes(e.kind)) {
      this.scheduleRefresh();
    }
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshSoon);
    this.refreshSoon = window.setTimeout(() => void this.refresh(), 150);
  }

  private renderControl(): void {
    const driving = this.control.isDriving;
    setText(this.controlStatus, this.control.describe());
    this.controlStatus.dataset.driving = String(driving);
    this.controlNote.hidden = this.control.leases;
    setText(this.controlButton, driving ? 'Release control' : 'Take control');
    this.controlButton.setAttribute('aria-pressed', String(driving));
    this.input.setEnabled(driving);
    setText(this.hint, driving
      ? 'You are driving: the mouse, wheel and keys on the picture go to the page. Ctrl+] gives the keyboard back to the dashboard.'
      : 'Watching. Take control to use the mouse and keyboard on the page.');
  }

  private async toggleControl(): Promise<void> {
    // busy, not disabled: a disabled button would drop the keyboard focus of whoever pressed it
    if (this.controlBusy) {
      return;
    }
    this.controlBusy = true;
    this.controlButton.setAttribute('aria-busy', 'true');
    try {
      if (this.control.isDriving) {
        await this.control.release();
      } else {
        await this.control.take();
        this.canvas.focus({ preventScroll: true });
      }
    } catch (e) {
      showError(this.control.isDriving ? 'Could not release control' : 'Could not take control', e);
    } finally {
      this.controlBusy = false;
      this.controlButton.removeAttribute('aria-busy');
    }
  }

  /** Input failed: losing control stops input; anything else is reported. Never rejects. */
  private inputFailed(e: unknown): undefined {
    if (e instanceof RpcError && e.code === ErrorCode.CONTROL_HELD) {
      this.control.lost(e);
      showError('Your input was not sent', e);
    } else {
      showError('Input failed', e);
    }
    return undefined;
  }

  /** A driving command from the tab bar or address bar; errors (CONTROL_HELD included) are shown. */
  private async drive(method: string, params: Record<string, unknown>, failure: string): Promise<void> {
    try {
      await this.hub.rpc.call(method, { session: this.id, ...params });
    } catch (e) {
      showError(failure, e);
    }
    this.scheduleRefresh();
  }

  private renderTabs(tabs: TabInfo[]): void {
    const signature = JSON.stringify(tabs.map((t) => [t.id, t.title, t.url, t.active]));
    if (signature === this.tabsSignature) {
      return;
    }
    this.tabsSignature = signature;
    const focused = document.activeElement instanceof HTMLElement && this.tabBar.contains(document.activeElement)
      ? document.activeElement.dataset.focusKey : undefined;
    const items = tabs.map((t) => {
      const label = t.title || t.url || 'New tab';
      return h('span', { class: `tab${t.active ? ' active' : ''}`, 'data-tab': t.id },
        h('button', {
          type: 'button', class: 'tab-select', title: t.url, 'aria-current': t.active ? 'true' : undefined,
          'data-focus-key': `select-${t.id}`, onclick: () => void this.drive('tab.activate', { tab: t.id }, 'Could not switch tabs'),
        }, label),
        h('button', {
          type: 'button', class: 'tab-close', 'aria-label': `Close tab ${label}`, title: 'Close tab',
          'data-focus-key': `close-${t.id}`, onclick: () => void this.drive('tab.close', { tab: t.id }, 'Could not close the tab'),
        }, '×'));
    });
    const add = h('button', {
      type: 'button', class: 'tab-new', 'aria-label': 'Open a new tab', title: 'Open a new tab', 'data-focus-key': 'new',
      onclick: () => void this.drive('tab.new', {}, 'Could not open a tab').then(() => this.address.focus()),
    }, '+');
    this.tabBar.replaceChildren(...items, add);
    if (focused) {
      (this.tabBar.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`) as HTMLElement | null ?? add).focus();
    }
  }
}
