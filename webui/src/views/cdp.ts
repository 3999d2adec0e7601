// The session's DevTools (CDP) endpoint, for people who bring their own Playwright or Puppeteer: its URL and a
// connectOverCDP snippet, each with a copy button. The token is not shown (the dashboard never sees it): the
// snippet reads it from BROWSERHUB_TOKEN.
import { SessionInfo } from '../protocol';
import { h, setText, toast } from '../ui';

export function connectSnippet(cdpUrl: string): string {
  return [
    "import { chromium } from 'playwright';",
    '',
    `const browser = await chromium.connectOverCDP('${cdpUrl}', {`,
    '  headers: { Authorization: `Bearer ${process.env.BROWSERHUB_TOKEN}` },',
    '});',
    'const page = browser.contexts()[0].pages()[0];',
  ].join('\n');
}

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast(`${what} copied`);
  } catch (e) {
    toast(`Could not copy the ${what.toLowerCase()}: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

export class CdpBox {
  readonly element: HTMLElement;
  private readonly url: HTMLInputElement;
  private readonly snippet: HTMLElement;

  constructor() {
    this.url = h('input', { type: 'text', id: 'cdp-url', readonly: true, 'aria-label': 'CDP URL', spellcheck: 'false' });
    this.snippet = h('code', { id: 'cdp-snippet' });
    this.element = h('section', { class: 'tools cdp', 'aria-labelledby': 'cdp-title', hidden: true },
      h('h2', { id: 'cdp-title' }, 'Your own Playwright or Puppeteer'),
      h('div', { class: 'cdp-url' }, this.url,
        h('button', { type: 'button', onclick: () => void copy(this.url.value, 'CDP URL') }, 'Copy')),
      h('details', {},
        h('summary', {}, 'connectOverCDP snippet'),
        h('pre', {}, this.snippet),
        h('button', { type: 'button', onclick: () => void copy(this.snippet.textContent ?? '', 'Snippet') }, 'Copy snippet'),
        h('p', { class: 'cdp-note' }, 'Puppeteer: connect({ browserWSEndpoint, headers }). The token is in the hub\'s data directory (token).')));
  }

  /** Hidden on hubs without the CDP door (no cdpUrl in SessionInfo). */
  update(info: SessionInfo): void {
    const url = info.cdpUrl ?? '';
    this.element.hidden = !url;
    if (this.url.value !== url) {
      this.url.value = url;
    }
    setText(this.snippet, url ? connectSnippet(url) : '');
  }
}
