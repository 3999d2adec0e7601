// The session's files in the side panel (files.list): downloads, screenshots, traces, HARs and recordings, newest
// first, each a link the browser downloads with the dashboard's sign-in cookie.
import { Hub } from '../hub';
import { HubEvent } from '../protocol';
import { h, setText, showError } from '../ui';

interface FileInfo {
  kind: string;
  name: string;
  size: number;
  createdAt: string;
  url: string;
}

const KINDS: [string, string][] = [
  ['download', 'Downloads'], ['', 'All files'], ['screenshot', 'Screenshots'], ['trace', 'Traces'], ['har', 'HARs'], ['recording', 'Recordings'],
];
/** Events after which the list is read again. */
const REFRESHING = ['page.download.saved', 'command'];
const SHOWN = 100;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export class FilesPanel {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'file-list', 'aria-label': 'Files of this session, newest first' });
  private readonly kind: HTMLSelectElement;
  private readonly note = h('p', { class: 'file-note' });
  private soon = 0;

  constructor(private readonly hub: Hub, private readonly session: string) {
    this.kind = h('select', { id: 'file-kind', 'aria-label': 'Kind of files' }, ...KINDS.map(([value, label]) => h('option', { value }, label)));
    this.kind.addEventListener('change', () => void this.load());
    this.element = h('section', { class: 'files', 'aria-labelledby': 'files-title' },
      h('div', { class: 'files-head' },
        h('h2', { id: 'files-title' }, 'Files'), this.kind,
        h('button', { type: 'button', onclick: () => void this.load() }, 'Refresh')),
      this.note, this.list);
  }

  ready(): void {
    if (!this.hub.has('files.list')) {
      setText(this.note, 'This hub does not list session files (it has no files.list).');
      return;
    }
    void this.load();
  }

  dispose(): void {
    clearTimeout(this.soon);
  }

  handleEvent(e: HubEvent): void {
    const method = String(e.data?.method ?? '');
    if (REFRESHING.includes(e.kind) && (e.kind !== 'command' || /^(trace|har)\.stop$|^page\.screenshot$/.test(method))) {
      clearTimeout(this.soon);
      this.soon = window.setTimeout(() => void this.load(), 300);
    }
  }

  private async load(): Promise<void> {
    if (!this.hub.ready || !this.hub.has('files.list')) {
      return;
    }
    const params: Record<string, unknown> = { session: this.session };
    if (this.kind.value) {
      params.kind = this.kind.value;
    }
    try {
      const r = await this.hub.rpc.call<{ files: FileInfo[] }>('files.list', params);
      this.list.replaceChildren(...r.files.slice(0, SHOWN).map((f) => h('li', { 'data-kind': f.kind },
        h('a', { href: f.url, download: f.name, title: `${f.kind}, ${new Date(f.createdAt).toLocaleString()}` }, f.name),
        h('span', { class: 'file-meta' }, `${f.kind} · ${formatBytes(f.size)}`))));
      setText(this.note, r.files.length === 0 ? 'No files of this kind yet.'
        : r.files.length > SHOWN ? `The newest ${SHOWN} of ${r.files.length}.` : '');
    } catch (e) {
      if (this.hub.rpc.connectionState === 'open') {
        showError('Could not list the files', e);
      }
    }
  }
}
