// The common launch options of the create form (proxy, color scheme, scale, HTTPS errors, geolocation, headers),
// collected as session.create parameters. The hub checks them all before it creates anything.
import { h, toast } from '../ui';

export interface LaunchFields {
  element: HTMLElement;
  /** The parameters to add, or null after telling the person what is wrong. */
  collect(): Record<string, unknown> | null;
}

export function launchOptionFields(): LaunchFields {
  const field = (label: string, input: HTMLElement) => h('label', { class: 'field' }, h('span', {}, label), input);
  const proxy = h('input', { name: 'proxy', placeholder: 'http://proxy:3128', autocomplete: 'off' });
  const proxyUser = h('input', { name: 'proxyUsername', autocomplete: 'off' });
  const proxyPassword = h('input', { name: 'proxyPassword', type: 'password', autocomplete: 'new-password' });
  const scheme = h('select', { name: 'colorScheme' },
    h('option', { value: '' }, 'browser default'), h('option', { value: 'light' }, 'light'),
    h('option', { value: 'dark' }, 'dark'), h('option', { value: 'no-preference' }, 'no preference'));
  const scale = h('input', { name: 'deviceScaleFactor', type: 'number', min: 0.25, max: 5, step: 0.25, placeholder: '1' });
  const https = h('input', { type: 'checkbox', name: 'ignoreHTTPSErrors' });
  const latitude = h('input', { name: 'latitude', type: 'number', min: -90, max: 90, step: 'any', placeholder: '48.8584' });
  const longitude = h('input', { name: 'longitude', type: 'number', min: -180, max: 180, step: 'any', placeholder: '2.2945' });
  const headers = h('textarea', { name: 'extraHTTPHeaders', rows: 2, placeholder: 'X-Name: value (one per line)' });
  const element = h('fieldset', { class: 'create-options launch-options' },
    h('legend', {}, 'Browser'),
    field('Proxy server', proxy), field('Proxy user', proxyUser), field('Proxy password', proxyPassword),
    field('Color scheme', scheme), field('Device scale factor', scale),
    field('Latitude', latitude), field('Longitude', longitude),
    field('Extra HTTP headers', headers),
    h('label', { class: 'check' }, https, h('span', {}, 'Accept invalid HTTPS certificates')));

  const collect = (): Record<string, unknown> | null => {
    const params: Record<string, unknown> = {};
    const text = (i: HTMLInputElement | HTMLTextAreaElement) => i.value.trim();
    if (text(proxy)) {
      const p: Record<string, string> = { server: text(proxy) };
      if (text(proxyUser)) p.username = text(proxyUser);
      if (proxyPassword.value) p.password = proxyPassword.value;
      params.proxy = p;
    } else if (text(proxyUser) || proxyPassword.value) {
      toast('A proxy user or password needs a proxy server.', 'error');
      proxy.focus();
      return null;
    }
    if (scheme.value) params.colorScheme = scheme.value;
    if (text(scale)) params.deviceScaleFactor = Number(text(scale));
    if (https.checked) params.ignoreHTTPSErrors = true;
    if (text(latitude) || text(longitude)) {
      if (!text(latitude) || !text(longitude)) {
        toast('Give both the latitude and the longitude, or neither.', 'error');
        (text(latitude) ? longitude : latitude).focus();
        return null;
      }
      params.geolocation = { latitude: Number(text(latitude)), longitude: Number(text(longitude)) };
      params.permissions = ['geolocation'];
    }
    if (text(headers)) {
      const map: Record<string, string> = {};
      for (const line of text(headers).split('\n').map((l) => l.trim()).filter(Boolean)) {
        const colon = line.indexOf(':');
        if (colon <= 0) {
          toast(`"${line}" is not a header: write it as Name: value.`, 'error');
          headers.focus();
          return null;
        }
        map[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
      params.extraHTTPHeaders = map;
    }
    return params;
  };
  return { element, collect };
}
