package io.browserhub.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tab to reopen blank after a command got stuck in its page (a script that never returns), so that a page
 * spinning on its own does not make every later command pay a restart plus a timeout. When the stuck command ran the
 * client's own script (page.evaluate), the script is the suspect and the page comes back as it was; a second stuck
 * command on the same tab and URL convicts the page. Any other stuck command convicts it at once.
 */
final class StuckTabs {

    /** By tab position: the URL a client's script got stuck on once already. */
    private final Map<Integer, String> strikes = new HashMap<>();

    /** The remembered tabs, with the stuck one marked hung when its page is to blame. */
    List<SavedTab> markHung(List<SavedTab> saved, List<TabInfo> seen, String hungTab, String method) {
        List<SavedTab> out = new ArrayList<>(saved);
        for (int i = 0; i < seen.size() && i < out.size(); i++) {
            if (!seen.get(i).id().equals(hungTab)) {
                continue;
            }
            String url = out.get(i).url();
            boolean clientScript = WorkOptions.CLIENT_SCRIPT.equals(method);
            if (!clientScript || url.equals(strikes.get(i))) {
                out.set(i, out.get(i).asHung());
                strikes.remove(i);
            } else {
                strikes.put(i, url);
            }
        }
        return out;
    }
}
