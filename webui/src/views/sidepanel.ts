// The session view's side panel: screenshot and trace downloads, the live event stream (events.subscribe) and
// the activity log (session.activity), both filterable by kind. Hubs without the event methods say so.
import { Hub, isMissingMethod } from '../hub';
import { EVENT_KINDS, HubEvent } from '../protocol';
import { clockTime, h, setText, showError, toast } from '../ui';

const MAX_ITEMS = 500;
const ACTIVITY_PAGE = 200;

/** Kind filters: a group ("page" matches page.*) or one kind. */
const FILTERS: [string, string][] = [
  ['', 'All kinds'],
  ['command', 'Commands'],
  ['control.changed', 'Control changes'],
  ['session.state', 'Session state'],
  ['page', 'Page: all'],
  ...EVENT_KINDS.filter((k) => k.startsWith('page.') && k.split('.').length === 2).map((k): [string, string] => [k, `Page: ${k.slice(5)}`]),
  ['tab', 'Tabs'],
  ['network', 'Network'],
];

export function matchesKind(kind: string, filter: string): boolean {
  return filter === '' || kind === filter || kind.startsWith(`${filter}.`);
}

/**
 * Commands every viewer sends all the time (one screencast.ack per frame, the dashboard's own status reads):
 * hidden unless asked for, or they would bury what agents and people do.
 */
const HOUSEKEEPING = new Set(['screencast.ack', 'session.get', 'session.list', 'control.status', 'session.activity',
  'hub.info', 'rpc.discover', 'client.hello', 'events.subscribe', 'events.unsubscribe', 'tab.list']);

export function isHousekeeping(e: HubEvent): boolean {
  return e.kind === 'command' && HOUSEKEEPING.has(String((e.data ?? {}).method));
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
}

/** One line a person can read; falls back to the event's JSON. */
export function summarize(e: HubEvent): string {
  const d = e.data ?? {};
  switch (e.kind) {
    case 'command': {
      const who = (d.client ?? {}) as { name?: string; kind?: string };
      const target = str(d.selector) || str(d.url) || str(d.key) || '';
      const took = typeof d.durationMs === 'number' ? ` in ${d.durationMs} ms` : '';
      return `${who.kind ?? ''} ${who.name ?? '?'}: ${str(d.method)}${target ? ` ${target}` : ''} → ${str(d.outcome) || 'ok'}${took}`.trim();
    }
    case 'control.changed': {
      const holder = d.holder as { name?: string; kind?: string } | null | undefined;
      const why = d.reason ? ` (${str(d.reason)})` : '';
      return holder ? `${holder.kind} ${holder.name} drives${why}` : `nobody drives${why}`;
    }
    case 'page.console':
      return `${str(d.type) || 'log'}: ${str(d.text)}`;
    case 'page.error':
      return str(d.message) || str(d.name) || JSON.stringify(d);
    case 'page.navigated':
    case 'page.load':
    case 'tab.opened':
    case 'tab.closed':
      return str(d.url) || str(d.title) || JSON.stringify(d);
    default: {
      if (e.kind.startsWith('network.')) {
        return [str(d.method), str(d.status), str(d.url), str(d.failure) || str(d.errorText)].filter(Boolean).join(' ');
      }
      const json = JSON.stringify(d);
      return json.length > 300 ? `${json.slice(0, 300)}…` : json;
    }
  }
}

interface Filter {
  kind: string;
  housekeeping: boolean;
}

function shown(kind: string, housekeeping: boolean, filter: Filter): boolean {
  return matchesKind(kind, filter.kind) && (filter.housekeeping || !housekeeping);
}

function eventItem(e: HubEvent, filter: Filter): HTMLLIElement {
  const housekeeping = isHousekeeping(e);
  const li = h('li', {
    'data-kind': e.kind, 'data-seq': e.seq, 'data-housekeeping': housekeeping ? 'true' : undefined,
    hidden: !shown(e.kind, housekeeping, filter),
  },
    h('time', { datetime: e.ts }, clockTime(e.ts)),
    h('span', { class: 'kind' }, e.kind),
    e.tab ? h('span', { class: 'tab-id' }, e.tab) : null,
    h('span', { class: 'summary' }, summarize(e)));
  li.title = JSON.stringify(e.data ?? {});
  return li;
}

export class SidePanel {
  readonly element: HTMLElement;
  private readonly filter: HTMLSelectElement;
  private readonly network: HTMLInputElement;
  private readonly housekeeping: HTMLInputElement;
  private readonly events = h('ol', { class: 'event-list', 'aria-label': 'Live events, newest first' });
  private readonly activity = h('ol', { class: 'event-list', 'aria-label': 'Activity log, newest first' });
  private readonly eventsBody: HTMLElement;
  private readonly activityBody: HTMLElement;
  private readonly traceStatus = h('p', { class: 'trace-status', role: 'status' });
  private readonly traceLink = h('a', { class: 'trace-link', hidden: true, download: '' });
  private readonly startTrace: HTMLButtonElement;
  private readonly stopTrace: HTMLButtonElement;
  private subscribed = false;
  /** The newest seq seen, from events.subscribe or an event; the activity log reads up to it. */
  private latestSeq: number | null = null;
  private oldestActivity: number | null = null;
  private newestActivity = 0;
  private activityLoaded = false;
  private readonly earlier: HTMLButtonElement;

  constructor(private readonly hub: Hub, private readonly session: string, private readonly onEvent: (e: HubEvent) => void) {
    this.filter = h('select', { id: 'kind-filter' }, ...FILTERS.map(([value, label]) => h('option', { value }, label)));
    this.filter.addEventListener('change', () => this.applyFilter());
    this.housekeeping = h('input', { type: 'checkbox', id: 'housekeeping-events' });
    // acks arrive with every frame: unless asked for they are not kept at all, so they cannot crowd out the rest
    this.housekeeping.addEventListener('change', () => {
      this.applyFilter();
      if (this.activityLoaded) {
        this.activity.replaceChildren();
        this.activityLoaded = false;
        this.oldestActivity = null;
        this.newestActivity = 0;
        if (!this.activityBody.hidden) {
          void this.loadActivity();
        }
      }
    });
    this.network = h('input', { type: 'checkbox', id: 'network-events' });
    this.network.addEventListener('change', () => void this.subscribe());
    this.startTrace = h('button', { type: 'button', onclick: () => void this.traceStart() }, 'Start trace');
    this.stopTrace = h('button', { type: 'button', onclick: () => void this.traceStop() }, 'Stop trace');
    this.earlier = h('button', { type: 'button', onclick: () => void this.loadEarlier() }, 'Load earlier');

    const tools = h('section', { class: 'tools', 'aria-labelledby': 'tools-title' },
      h('h2', { id: 'tools-title' }, 'Capture'),
      h('div', { class: 'tool-buttons' },
        h('button', { type: 'button', onclick: () => void this.screenshot() }, 'Save screenshot'),
        this.startTrace,
        this.stopTrace),
      this.traceStatus, this.traceLink);

    this.eventsBody = h('div', { class: 'panel-body', id: 'panel-events', role: 'tabpanel', 'aria-labelledby': 'tab-events' });
    this.activityBody = h('div', { class: 'panel-body', id: 'panel-activity', role: 'tabpanel', 'aria-labelledby': 'tab-activity', hidden: true });
    const tabEvents = h('button', { type: 'button', role: 'tab', id: 'tab-events', 'aria-controls': 'panel-events', 'aria-selected': 'true' }, 'Live events');
    const tabActivity = h('button', { type: 'button', role: 'tab', id: 'tab-activity', 'aria-controls': 'panel-activity', 'aria-selected': 'false' }, 'Activity log');
    const select = (events: boolean) => {
      tabEvents.setAttribute('aria-selected', String(events));
      tabActivity.setAttribute('aria-selected', String(!events));
      this.eventsBody.hidden = !events;
      this.activityBody.hidden = events;
      if (!events && !this.activityLoaded && this.hub.has('session.activity')) {
        void this.loadActivity();
      }
    };
    tabEvents.addEventListener('click', () => select(true));
    tabActivity.addEventListener('click', () => select(false));

    this.element = h('aside', { class: 'side', 'aria-label': 'Session tools, events and activity' },
      tools,
      h('section', { class: 'streams' },
        h('div', { class: 'stream-head' },
          h('div', { role: 'tablist', class: 'panel-tabs', 'aria-label': 'Event views' }, tabEvents, tabActivity),
          h('label', { class: 'filter' }, h('span', {}, 'Kind'), this.filter),
          h('label', { class: 'check filter' }, this.housekeeping, h('span', {}, 'Acks and status reads'))),
        this.eventsBody, this.activityBody));
  }

  /** Called when connected (again): subscriptions do not survive a reconnection. */
  ready(): void {
    this.subscribed = false;
    this.eventsBody.replaceChildren();
    if (!this.hub.has('events.subscribe')) {
      this.eventsBody.append(h('p', { class: 'unavailable' },
        'Live events are not available on this hub (it has no events.subscribe).'));
    } else {
      this.eventsBody.append(
        h('label', { class: 'check' }, this.network, h('span', {}, 'Include network requests')),
        this.events);
      void this.subscribe();
    }
    this.activityBody.replaceChildren();
    if (!this.hub.has('session.activity')) {
      this.activityBody.append(h('p', { class: 'unavailable' },
        'The activity log is not available on this hub (it has no session.activity).'));
    } else {
      this.activityBody.append(
        h('div', { class: 'tool-buttons' }, h('button', { type: 'button', onclick: () => void this.loadActivity() }, 'Refresh'), this.earlier),
        this.activity);
      this.activityLoaded = false;
      if (!this.activityBody.hidden) {
        void this.loadActivity();
      }
    }
  }

  /** An `event` notification for this session. */
  handleEvent(e: HubEvent): void {
    this.latestSeq = Math.max(this.latestSeq ?? 0, e.seq);
    if (this.keep(e)) {
      this.prepend(this.events, eventItem(e, this.currentFilter));
    }
    this.onEvent(e);
  }

  private keep(e: HubEvent): boolean {
    return this.housekeeping.checked || !isHousekeeping(e);
  }

  dispose(): void {
    if (this.subscribed) {
      this.hub.rpc.call('events.unsubscribe', { session: this.session }).catch(() => undefined);
    }
  }

  private async subscribe(): Promise<void> {
    const params: Record<string, unknown> = { session: this.session };
    if (this.network.checked) {
      params.kinds = ['session', 'control', 'command', 'page', 'tab', 'screenshot', 'network'];
    }
    try {
      const r = await this.hub.rpc.call<{ seq?: number }>('events.subscribe', params);
      this.subscribed = true;
      if (typeof r.seq === 'number') {
        this.latestSeq = Math.max(this.latestSeq ?? 0, r.seq);
      }
    } catch (e) {
      if (isMissingMethod(e)) {
        setText(this.eventsBody, 'Live events are not available on this hub (it has no events.subscribe).');
      } else {
        showError('Could not subscribe to the events', e);
      }
    }
  }

  private get currentFilter(): Filter {
    return { kind: this.filter.value, housekeeping: this.housekeeping.checked };
  }

  private applyFilter(): void {
    const filter = this.currentFilter;
    for (const list of [this.events, this.activity]) {
      for (const li of list.children as HTMLCollectionOf<HTMLLIElement>) {
        li.hidden = !shown(li.dataset.kind ?? '', li.dataset.housekeeping === 'true', filter);
      }
    }
  }

  private prepend(list: HTMLOListElement, ...items: HTMLLIElement[]): void {
    list.prepend(...items);
    while (list.children.length > MAX_ITEMS) {
      list.lastElementChild!.remove();
    }
  }

  /** Newer entries than shown; the first time, the newest page. */
  private async loadActivity(): Promise<void> {
    let since = this.activityLoaded ? this.newestActivity : Math.max(0, (this.latestSeq ?? 0) - ACTIVITY_PAGE + 1);
    try {
      // follow nextSeq until the end, a bounded number of pages
      for (let page = 0; page < 20; page++) {
        const r = await this.hub.rpc.call<{ entries: HubEvent[]; nextSeq: number }>('session.activity',
          { id: this.session, sinceSeq: since, limit: ACTIVITY_PAGE });
        if (r.entries.length > 0) {
          this.oldestActivity = Math.min(this.oldestActivity ?? r.entries[0].seq, r.entries[0].seq);
          this.prepend(this.activity, ...r.entries.filter((e) => this.keep(e)).reverse().map((e) => eventItem(e, this.currentFilter)));
        }
        this.activityLoaded = true;
        this.newestActivity = Math.max(this.newestActivity, r.nextSeq);
        if (r.entries.length < ACTIVITY_PAGE || r.nextSeq <= since) {
          break;
        }
        since = r.nextSeq;
      }
      this.earlier.disabled = (this.oldestActivity ?? 0) <= 0;
    } catch (e) {
      showError('Could not read the activity log', e);
    }
  }

  private async loadEarlier(): Promise<void> {
    const oldest = this.oldestActivity ?? 0;
    if (oldest <= 0) {
      return;
    }
    const since = Math.max(0, oldest - ACTIVITY_PAGE);
    try {
      const r = await this.hub.rpc.call<{ entries: HubEvent[] }>('session.activity',
        { id: this.session, sinceSeq: since, limit: oldest - since });
      const older = r.entries.filter((e) => e.seq < oldest);
      if (older.length > 0) {
        this.oldestActivity = older[0].seq;
        this.activity.append(...older.filter((e) => this.keep(e)).reverse().map((e) => eventItem(e, this.currentFilter)));
      }
      this.earlier.disabled = older.length === 0 || (this.oldestActivity ?? 0) <= 0;
    } catch (e) {
      showError('Could not read the activity log', e);
    }
  }

  /** Fetched rather than linked, so a failure shows the hub's message instead of saving it as an image. */
  private async screenshot(): Promise<void> {
    try {
      const response = await fetch(`/api/sessions/${encodeURIComponent(this.session)}/screenshot?format=png`);
      if (!response.ok) {
        const body = await response.json().catch(() => ({})) as { error?: { message?: string } };
        throw new Error(body.error?.message ?? `the hub answered ${response.status}`);
      }
      const url = URL.createObjectURL(await response.blob());
      const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
      const a = h('a', { href: url, download: `${this.session}-${stamp}.png`, hidden: true });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      showError('Could not take a screenshot', e);
    }
  }

  private async traceStart(): Promise<void> {
    try {
      await this.hub.rpc.call('trace.start', { session: this.session });
      const hadFocus = document.activeElement === this.startTrace;
      this.startTrace.disabled = true;
      if (hadFocus) {
        this.stopTrace.focus();
      }
      setText(this.traceStatus, `Recording a trace since ${new Date().toLocaleTimeString([], { hour12: false })}.`);
    } catch (e) {
      showError('Could not start a trace', e);
    }
  }

  private async traceStop(): Promise<void> {
    try {
      const r = await this.hub.rpc.call<{ path: string; url: string }>('trace.stop', { session: this.session });
      const name = r.url.split('/').pop() ?? 'trace.zip';
      this.traceLink.href = r.url;
      this.traceLink.download = `${this.session}-${name}`;
      setText(this.traceLink, `Download trace ${name}`);
      this.traceLink.hidden = false;
      setText(this.traceStatus, 'Trace saved; open it at trace.playwright.dev or with `npx playwright show-trace`.');
      toast('Trace saved.');
    } catch (e) {
      showError('Could not stop the trace', e);
    } finally {
      this.startTrace.disabled = false;
    }
  }
}
