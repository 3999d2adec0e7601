/**
 * The extension relay: a person's own Chromium as a session (docs/extension.md). The browserhub extension
 * (extension/) connects to {@link io.browserhub.relay.ExtensionRoutes /extension} with the credential of a
 * {@link io.browserhub.relay.Pairings pairing}; {@link io.browserhub.relay.BrowserLink} is that browser and the tabs
 * it shares; {@link io.browserhub.relay.RelayDevTools} serves them as a Chromium DevTools endpoint, synthesising the
 * browser-level CDP that chrome.debugger lacks ({@link io.browserhub.relay.BrowserTarget}) and sharing each tab's one
 * debugger session among its clients ({@link io.browserhub.relay.CdpFanOut}); {@link io.browserhub.relay.ExtensionBackend}
 * is the session backend that connects Playwright to it.
 */
package io.browserhub.relay;
