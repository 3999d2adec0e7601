/**
 * Session data in and out (PROTOCOL.md, "Session data in and out"): the files a session produces, listed, served
 * and kept within bounds ({@code files/}); HAR recordings built from the session's network events ({@code har/});
 * screenshot recordings and the timeline ({@code recording/}); storage state and cookies ({@code storage/}). Each
 * hangs on the session core through its method families and, where it must see the browser, a
 * {@link io.browserhub.session.BrowserAddOn}.
 */
package io.browserhub.data;
