// The connection to the hub: one WebSocket to <hub>/extension. The credential the person paired this browser with
// goes in the first message (never in the URL); the hub answers "welcome" or closes with 4401/4403. After the hub or
// the browser restarts, the connection comes back by itself, with backoff.

/** Close codes after which trying again is pointless: the credential was refused or revoked. */
const REFUSED = new Set([4401, 4403]);
/** Waits between attempts. Each attempt calls an extension API, which keeps the service worker alive meanwhile. */
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
/** Traffic at least this often: an idle Manifest V3 service worker is ended after 30 s. */
const PING_MS = 20000;
/** The hub takes WebSocket messages of up to 10 MB: longer messages (a full-page screenshot) go in parts. */
const PART_CHARS = 1 << 20;

export class HubLink {
  /**
   * @param {object} handlers
   * @param {(message: object) => Promise<object>} handlers.onCall answers one call of the hub
   * @param {() => Promise<object>} handlers.hello what the first message tells the hub besides the credential
   * @param {(state: string, detail?: string, refused?: object) => void} handlers.onState 'unpaired', 'connecting',
   *   'connected', or 'refused' (with the pairing the hub refused)
   */
  constructor({ onCall, hello, onState }) {
    this.onCall = onCall;
    this.hello = hello;
    this.onState = onState;
    this.state = 'unpaired';
    this.pairing = null;
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = 0;
    this.pingTimer = 0;
  }

  get connected() {
    return this.state === 'connected';
  }

  /** Connects with this pairing ({hub, credential, session}), replacing any connection there was. */
  connect(pairing) {
    this.disconnect();
    this.pairing = pairing;
    this.attempt = 0;
    this.open();
  }

  /** Closes the connection and stops trying. */
  disconnect() {
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const socket = this.socket;
    this.socket = null;
    this.pairing = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'the extension disconnected');
    }
    this.setState('unpaired');
  }

  /** Sends a message, in parts when it is long; dropped when not connected (the hub then has nothing to hear). */
  send(message) {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    const text = JSON.stringify(message);
    if (text.length <= PART_CHARS) {
      socket.send(text);
      return;
    }
    for (let i = 0; i < text.length; i += PART_CHARS) {
      socket.send(JSON.stringify({ type: 'part', data: text.slice(i, i + PART_CHARS), last: i + PART_CHARS >= text.length }));
    }
  }

  open() {
    const pairing = this.pairing;
    if (!pairing) {
      return;
    }
    this.setState('connecting');
    const socket = new WebSocket(pairing.hub.replace(/^http/, 'ws') + '/extension');
    this.socket = socket;
    socket.onopen = async () => {
      const hello = await this.hello();
      if (this.socket === socket) {
        this.send({ type: 'hello', credential: pairing.credential, ...hello });
      }
    };
    socket.onmessage = (event) => this.received(socket, event.data);
    socket.onclose = (event) => this.closed(socket, event.code, event.reason);
  }

  received(socket, data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === 'welcome') {
      this.attempt = 0;
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_MS);
      this.setState('connected');
    } else if (message.type === 'call') {
      this.onCall(message).then(
        (result) => this.send({ type: 'reply', id: message.id, result: result ?? {} }),
        (error) => this.send({ type: 'reply', id: message.id, error: describe(error) }));
    }
  }

  closed(socket, code, reason) {
    if (this.socket !== socket) {
      return;
    }
    this.socket = null;
    clearInterval(this.pingTimer);
    if (REFUSED.has(code)) {
      const refused = this.pairing;
      this.pairing = null;
      this.setState('refused', reason, refused);
      return;
    }
    this.setState('connecting', reason || `connection closed (${code})`);
    const wait = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      // an extension API call: it keeps the service worker alive through the backoff
      chrome.storage.local.get('pairing').then(() => this.open());
    }, wait);
  }

  setState(state, detail, refused) {
    if (this.state !== state || detail) {
      this.state = state;
      this.onState(state, detail, refused);
    }
  }
}

/** An error as the hub reads it: CDP's {code, message} when Chromium said so, else the message. */
export function describe(error) {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed.message === 'string') {
      return { code: parsed.code ?? -32000, message: parsed.message };
    }
  } catch {
    // not chrome.debugger's JSON
  }
  return { code: -32000, message: text };
}
