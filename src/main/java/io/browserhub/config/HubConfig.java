package io.browserhub.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything a user can configure, under {@code browserhub.*} (or BROWSERHUB_* environment variables). */
@ConfigMapping(prefix = "browserhub")
public interface HubConfig {

    /** The default data directory; the command line's clients look for the token there too. */
    String DEFAULT_DATA_DIR = "${user.home}/.browserhub";

    /** The whole state of the hub: token, sessions, profiles, logs. */
    @WithDefault(DEFAULT_DATA_DIR)
    String dataDir();

    Browser browser();

    Session session();

    Auth auth();

    Limits limits();

    Control control();

    Events events();

    Activity activity();

    Mcp mcp();
    Cdp cdp();
    Files files();

    Grid grid();

    Extension extension();

    interface Auth {
        /** false turns the token off; accepted only on a loopback address. */
        @WithDefault("true")
        boolean enabled();

        /** A fixed access token; when absent one is generated into <data-dir>/token. */
        Optional<String> token();

        /** Browser origins allowed besides the hub's own, e.g. https://my-tool.example. */
        Optional<List<String>> allowedOrigins();

        /** Host names allowed in the Host header besides localhost, 127.0.0.1 and [::1]. */
        Optional<List<String>> allowedHosts();
    }

    /** Bounds on what one client can make the hub hold in memory; each overrun answers LIMIT_REACHED. */
    interface Limits {
        /** Deepest nesting of arrays and objects accepted in a JSON request. */
        @WithDefault("1000")
        int jsonDepth();

        /** Most requests in one JSON-RPC batch; a larger batch is answered with one LIMIT_REACHED error. */
        @WithDefault("100")
        int batchSize();

        /** Largest page.evaluate result, measured as serialized JSON. */
        @WithDefault("10M")
        MemorySize evaluateResultSize();
    }

    interface Browser {
        /** Chromium/Chrome binary; when absent the hub looks for chromium, google-chrome, then Playwright's own browser. */
        Optional<String> executable();

        @WithDefault("true")
        boolean headless();

        @WithDefault("1280")
        int viewportWidth();

        @WithDefault("720")
        int viewportHeight();

        /** Extra Chromium command-line switches, added to the hub's own. */
        Optional<List<String>> args();

        /**
         * Keep one Playwright driver started ahead of time, so that a session start or resume skips the driver's own
         * start (~0.3 s) at the cost of one idle driver process (~90 MB).
         */
        @WithDefault("true")
        boolean spareDriver();
    }

    interface Session {
        /** Commands waiting per session before new ones are refused with LIMIT_REACHED. */
        @WithDefault("64")
        int queueCapacity();

        /** Sessions this hub keeps (running or stopped); session.create beyond it answers LIMIT_REACHED. */
        @WithDefault("100")
        int maxSessions();

        /** Default timeout of every waiting method, unless the call gives timeoutMs. */
        @WithDefault("30s")
        Duration defaultTimeout();

        /** How long a dialog nobody answers stays open before it is dismissed. */
        @WithDefault("10s")
        Duration dialogTimeout();

        /** Idle sessions are stopped after this long (0 = never); per session: idleTimeoutSec. */
        @WithDefault("10m")
        Duration idleTimeout();

        /** How long starting a browser may take before the session is reported unavailable. */
        @WithDefault("60s")
        Duration startTimeout();

        /** Browsers running at once; over it the least recently used idle one is stopped. */
        @WithDefault("8")
        int maxRunning();

        /** How often the reaper looks for idle sessions (default in application.properties, read by @Scheduled). */
        Duration reaperInterval();

        /**
         * Write the browser's pending cookie changes to the profile after every navigation command (page.goto,
         * back, forward, reload, tab.new with a URL), so a login survives a hard kill right after it; see
         * docs/security.md, "Cookies and a hard kill".
         */
        @WithDefault("true")
        boolean flushCookiesAfterNavigation();

        /**
         * Extra time a command gets past its own timeout before the hub declares the page stuck (a script in an
         * endless loop), answers TIMEOUT and restarts the browser.
         */
        @WithDefault("5s")
        Duration stuckGrace();
    }

    /** Control leases: who may drive a session (DESIGN.md, "Control"). */
    interface Control {
        /** A lease ends after this long without a command from its holder, unless control.acquire gives ttlMs. */
        @WithDefault("60s")
        Duration defaultTtl();

        /** The longest ttlMs a client may ask for. */
        @WithDefault("1h")
        Duration maxTtl();

        /** How often expired leases are looked for. */
        @WithDefault("1s")
        Duration expiryCheckInterval();
    }

    /** The event stream to subscribed WebSocket clients. */
    interface Events {
        /** Events waiting per connection; beyond it the oldest are dropped and the client gets events.dropped. */
        @WithDefault("1000")
        int queueCapacity();

        /** Messages handed to a connection's socket and not yet written; bounds what a stalled reader holds. */
        @WithDefault("8")
        int maxInFlight();
    }

    /** The per-session activity log, <session>/activity.jsonl. */
    interface Activity {
        /** activity.jsonl is renamed to activity.1.jsonl (and older ones shifted) when it would grow past this. */
        @WithDefault("10M")
        MemorySize maxFileSize();

        /** Rotated files kept besides activity.jsonl (activity.1.jsonl ... activity.N.jsonl). */
        @WithDefault("3")
        int keepFiles();

        /** Entries waiting for the writer thread; when full, new entries are counted as lost rather than block a session. */
        @WithDefault("65536")
        int queueCapacity();
    }

    /** The MCP door, /mcp (io.browserhub.mcp). */
    interface Mcp {
        /**
         * How long the element actions of MCP tools (click, type, fill, select, hover, upload) wait for their element:
         * Playwright MCP's 5 s, so that an agent hears about a missing element soon.
         */
        @WithDefault("5s")
        Duration actionTimeout();

        /** How often ended MCP sessions (expired or deleted) are looked for, to end their clients (default in application.properties). */
        Duration expiryCheckInterval();
    }

    /** The DevTools door: ws://host/cdp/{session} (docs/cdp.md). */
    interface Cdp {
        /**
         * Launch browsers with Chromium's DevTools server on a random loopback port, which the door proxies to.
         * false: no such port at all (for machines shared with other users, see docs/security.md), and /cdp answers 404.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** Sessions on Selenium Grid 4 nodes: placement "grid" (docs/scale-out.md). */
    interface Grid {
        /**
         * The Grid's router or standalone server, e.g. http://grid.internal:4444 (user:password@ for a Grid with basic
         * auth). Without it every session runs on this machine.
         */
        Optional<String> url();

        /** New sessions go to the Grid unless session.create says placement "local". */
        @WithName("default")
        @WithDefault("false")
        boolean placeByDefault();

        /**
         * A JSON object merged into every new-session request (W3C alwaysMatch), for what the nodes need: e.g.
         * {"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": ["--no-sandbox"]}} for nodes running as root.
         * The hub's own switches are added to goog:chromeOptions.args.
         */
        Optional<String> capabilities();

        /**
         * The directory on the nodes under which session profiles live (one folder per session). It must survive node
         * restarts for logins to survive, and must not change once sessions exist (like the data directory).
         */
        @WithDefault("/tmp/browserhub-profiles")
        String profileDir();

        /**
         * How often the hub touches each of its running Grid sessions, so that a node's session timeout never ends a
         * session the hub keeps (a third of a node's own timeout when that is shorter). The touch is also how the hub
         * learns that the Grid ended a session: the Grid's se:cdp proxy does not close the hub's connection then.
         */
        @WithDefault("15s")
        Duration keepAlive();

        /** How long one answer of the Grid's /status is trusted by readiness. */
        @WithDefault("5s")
        Duration statusTtl();
    }

    /**
     * Local files a page may get (uploads by page.setInputFiles, file: URLs; see docs/security.md), and the retention of
     * the files a session produces (io.browserhub.data.files; see docs/data.md).
     */
    interface Files {
        /**
         * Directories whose files pages may be handed, besides <data-dir>/uploads. The rest of the data directory
         * (the token, profiles, logs) is never allowed, whatever is listed here.
         */
        Optional<List<String>> allowedRoots();

        /** Largest upload sent by content (page.setInputFiles files[].data), all files of one call together. */
        @WithDefault("5M")
        MemorySize maxUploadSize();

        /**
         * How often every session's files are checked against the bounds below (also after the hub writes one itself).
         * Read by @Scheduled too: this default and the bounds' live in application.properties.
         */
        Duration retentionInterval();

        /** Per session and kind, beyond either bound the oldest files go first; the newest one always stays. */
        Bounds download();

        Bounds screenshot();

        Bounds trace();

        Bounds har();

        Bounds recording();

        interface Bounds {
            /** Files of the kind a session keeps. */
            int maxCount();

            /** Bytes the files of the kind may take, per session. */
            MemorySize maxBytes();
        }
    }

    /** The extension relay: a person's own browser as a session (docs/extension.md). */
    interface Extension {
        /**
         * Extension ids whose socket the hub accepts besides the one it ships (whose id its manifest key fixes): a
         * build of your own, or one installed from a store.
         */
        Optional<List<String>> allowedIds();

        /**
         * How long a command to a session of a person's browser waits for its extension to connect, when it is not
         * connected (the browser is starting, or the hub just restarted and the extension has not come back yet).
         */
        @WithDefault("10s")
        Duration connectWait();
    }
}
