package io.browserhub.relay;

import java.util.HashSet;
import java.util.Set;

/**
 * One CDP session of a relay client, as the client sees it: the browser (the connection itself, or one from
 * Target.attachToBrowserTarget), a shared tab, or a frame or worker inside one (a flat child session of Chromium's,
 * whose id the client sees unchanged). Several clients share one debugger session per tab (the extension API allows
 * no more), so each session remembers what it asked for, and hears only the events of the domains it used.
 */
final class ClientSession {

    enum Kind { BROWSER, TAB, CHILD }

    /** Events every session hears, whatever it enabled. */
    private static final Set<String> ALWAYS = Set.of("Inspector");

    final String id;
    final Kind kind;
    final RelayClient client;
    /** The tab it is on; null for a browser session. */
    final SharedTab tab;
    /** Chromium's flat session id of the frame or worker: only for CHILD. */
    final String child;
    /** The session that attached it (the browser session that auto-attached a tab, the tab of a frame); null for roots. */
    final ClientSession parent;
    private final Set<String> domains = new HashSet<>();
    /** Domains it enabled (Runtime.enable; "Target" for Target.setAutoAttach): what Chromium holds for it. */
    private final Set<String> enabled = new HashSet<>();
    /** Started a screencast: only such sessions hear its frames. */
    boolean casting;
    /** Browser sessions: attach to every shared tab (Target.setAutoAttach) and tell of targets (Target.setDiscoverTargets). */
    boolean autoAttach;
    boolean discover;

    ClientSession(String id, Kind kind, RelayClient client, SharedTab tab, String child, ClientSession parent) {
        this.id = id;
        this.kind = kind;
        this.client = client;
        this.tab = tab;
        this.child = child;
        this.parent = parent;
    }

    /** On this tab's debugger session ({@code child} null) or on this frame or worker of it. */
    boolean on(SharedTab t, String c) {
        return kind != Kind.BROWSER && tab == t && (c == null ? child == null : c.equals(child));
    }

    /** The session sent a command of this domain: from now on it hears the domain's events. */
    void uses(String domain) {
        domains.add(domain);
    }

    void stopsUsing(String domain) {
        domains.remove(domain);
        enabled.remove(domain);
    }

    void enables(String domain) {
        domains.add(domain);
        enabled.add(domain);
    }

    boolean enabled(String domain) {
        return enabled.contains(domain);
    }

    boolean usesDomain(String domain) {
        return domains.contains(domain);
    }

    /** Whether an event goes to this session. */
    boolean hears(String method) {
        if (method.startsWith("Page.screencast")) {
            return casting; // a screencast's frames are the business of whoever started it
        }
        String domain = domainOf(method);
        return domains.contains(domain) || ALWAYS.contains(domain);
    }

    static String domainOf(String method) {
        int dot = method.indexOf('.');
        return dot < 0 ? method : method.substring(0, dot);
    }
}
