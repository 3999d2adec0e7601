package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import com.microsoft.playwright.Page;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.files.FileRoots;
import io.browserhub.session.TabInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** tab.list, new, activate, close. */
@ApplicationScoped
public class TabCommands implements CommandFamily {

    private final ControlGate gate;
    private final FileRoots fileRoots;
    private final CookieDurability cookies;

    public TabCommands(ControlGate gate, FileRoots fileRoots, CookieDurability cookies) {
        this.gate = gate;
        this.fileRoots = fileRoots;
        this.cookies = cookies;
    }

    private static final ParamSpec TAB = req("tab", ParamType.STRING, "Tab id, e.g. \"t2\".");

    @Override
    public void register(MethodTable.Builder t) {
        t.sessionWide("tab.list", Access.READ, "Lists the session's tabs.", "{tabs: [TabInfo]}",
                (live, p) -> Map.of("tabs", live.tabs()));
        t.sessionWideWaiting("tab.new", Access.DRIVE, "Opens a tab (optionally at a URL) and makes it the active one.", "TabInfo",
                (live, p) -> {
                    if (p.has("url")) {
                        // a refused URL must not leave a blank tab behind
                        Navigation.checkUrl(p.string("url"), live.page(null).url(), fileRoots);
                    }
                    TabInfo tab = live.newTab();
                    if (!p.has("url")) {
                        return tab;
                    }
                    long started = System.nanoTime();
                    Page page = live.page(tab.id());
                    Navigation.go(live, page, p.string("url"), fileRoots, "commit", p.timeoutMs());
                    // the load comes as a Later: other tabs' commands run meanwhile
                    return Waits.loaded(page, "load", p.timeoutMs(), started, () -> {
                        cookies.afterNavigation(live);
                        return live.describe(tab.id());
                    });
                },
                opt("url", ParamType.STRING, "Where to open the tab (default about:blank)."),
                opt("lease", ParamType.BOOLEAN, "Lease the new tab to you (control.acquire with its tab): other clients cannot "
                        + "drive it, and your commands without a tab go to it, until you close it, release it or disconnect."));
        t.followUp("tab.new", new MethodTable.Builder.FollowUp() {
            @Override
            public void check(Call call) {
                if (call.params().bool("lease", false) && !call.client().recognisable()) {
                    throw new HubException(ErrorCode.INVALID_REQUEST, "An anonymous HTTP request cannot hold a tab's lease: no later "
                            + "request would be recognised as its holder. Name the client with the X-Browserhub-Client header, "
                            + "or use the WebSocket.", Map.of("transport", "http"));
                }
            }

            @Override
            public Object apply(Call call, Object result) {
                if (call.params().bool("lease", false)) {
                    gate.leaseNewTab(call.params().session(), ((TabInfo) result).id(), call.client());
                }
                return result;
            }
        });
        t.page("tab.activate", Access.DRIVE, "Makes a tab the active one (the default target of page methods).",
                "TabInfo", (live, p) -> live.activate(p.string("tab")), TAB);
        t.page("tab.close", Access.DRIVE, "Closes a tab; closing the last one leaves a blank tab.", "{closed: true}",
                (live, p) -> {
                    live.close(p.string("tab"));
                    return Map.of("closed", true);
                }, TAB);
    }
}
