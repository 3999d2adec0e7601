package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import io.browserhub.session.TabInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** tab.list, new, activate, close. */
@ApplicationScoped
public class TabCommands implements CommandFamily {

    private static final ParamSpec TAB = req("tab", ParamType.STRING, "Tab id, e.g. \"t2\".");

    @Override
    public void register(MethodTable.Builder t) {
        t.page("tab.list", Access.READ, "Lists the session's tabs.", "{tabs: [TabInfo]}",
                (live, p) -> Map.of("tabs", live.tabs()));
        t.waiting("tab.new", Access.DRIVE, "Opens a tab (optionally at a URL) and makes it the active one.", "TabInfo",
                (live, p) -> {
                    if (p.has("url")) {
                        // a refused URL must not leave a blank tab behind
                        Navigation.checkUrl(p.string("url"), live.page(null).url());
                    }
                    TabInfo tab = live.newTab();
                    if (p.has("url")) {
                        Navigation.go(live.page(tab.id()), p.string("url"), "load", p.timeoutMs());
                    }
                    return live.describe(tab.id());
                },
                opt("url", ParamType.STRING, "Where to open the tab (default about:blank)."));
        t.page("tab.activate", Access.DRIVE, "Makes a tab the active one (the default target of page methods).",
                "TabInfo", (live, p) -> live.activate(p.string("tab")), TAB);
        t.page("tab.close", Access.DRIVE, "Closes a tab; closing the last one leaves a blank tab.", "{closed: true}",
                (live, p) -> {
                    live.close(p.string("tab"));
                    return Map.of("closed", true);
                }, TAB);
    }
}
