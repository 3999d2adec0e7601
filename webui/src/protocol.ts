// The shapes of browserhub protocol v1 (docs/protocol.md) that the dashboard reads.

export type SessionState = 'stopped' | 'starting' | 'running' | 'stopping' | 'crashed' | 'damaged';
export type ClientKind = 'agent' | 'human';

export interface TabInfo {
  id: string;
  url: string;
  title: string;
  active: boolean;
}

export interface Holder {
  clientId: string;
  name: string;
  kind: ClientKind;
  since?: string;
}

export interface SessionInfo {
  id: string;
  state: SessionState;
  createdAt: string;
  lastActivityAt: string;
  idleTimeoutSec: number;
  headless: boolean;
  viewport: { width: number; height: number };
  tabs: TabInfo[];
  controller: Holder | null;
  /** The session's DevTools WebSocket (ws://host/cdp/{id}); absent or null on hubs without the CDP door. */
  cdpUrl?: string | null;
  /** Where its browser is: "local", or "extension" for a person's own browser (absent on older hubs). */
  driver?: string;
  /** Why a damaged session cannot start (its session.json was unreadable); absent otherwise. */
  damage?: string;
  /** Where the browser runs: "local" (the hub's machine) or "grid" (a Selenium Grid node). */
  placement?: 'local' | 'grid';
  /** The Grid node the session's profile lives on (its browserhub:node name); null for local sessions. */
  node?: string | null;
}

/** hub.info's sessionDefaults: what session.create uses for options it is not given. */
export interface SessionDefaults {
  headless: boolean;
  viewport: { width: number; height: number };
  idleTimeoutSec: number;
}

/** The params of an `event` notification, and one entry of session.activity. */
export interface HubEvent {
  session: string;
  seq: number;
  ts: string;
  kind: string;
  tab?: string;
  data: Record<string, unknown>;
}

export interface FrameHeader {
  type: 'screencast.frame';
  session: string;
  tab: string;
  seq: number;
  ts: number;
  width: number;
  height: number;
  format: 'jpeg' | 'png';
}

export const ErrorCode = {
  METHOD_NOT_FOUND: -32601,
  SESSION_NOT_FOUND: -32001,
  CONTROL_HELD: -32004,
} as const;

/** Event kinds a session emits, in the hub's order (live/EventKinds.KNOWN; EventKindsTest keeps the two equal). */
export const EVENT_KINDS = [
  'session.state', 'control.changed', 'command',
  'page.navigated', 'page.load', 'page.console', 'page.error',
  'page.dialog', 'page.dialog.closed',
  'page.download', 'page.download.saved', 'page.download.failed',
  'tab.opened', 'tab.closed', 'tab.restore.skipped',
  'network.request', 'network.response', 'network.failed',
  'screenshot',
] as const;
