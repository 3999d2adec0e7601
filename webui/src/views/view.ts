/** One screen of the dashboard: its element, and what to stop when the person leaves it. */
export interface View {
  readonly element: HTMLElement;
  readonly title: string;
  dispose(): void;
}

/** How often views re-read the hub's state (session.list / session.get are cheap and do not count as activity). */
export const REFRESH_MS = 2000;
