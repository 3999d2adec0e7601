package io.browserhub.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The add-ons of one session, kept across its browser restarts. Changed and run on the actor thread; the list is
 * copy-on-write because the next browser's actor is another thread. Costs nothing while empty.
 */
final class AddOns {

    private static final Logger LOG = Logger.getLogger(AddOns.class);

    private final String sessionId;
    private final List<BrowserAddOn> list = new CopyOnWriteArrayList<>();

    AddOns(String sessionId) {
        this.sessionId = sessionId;
    }

    void add(BrowserAddOn addOn, LiveSession live) {
        addOn.attach(live);
        list.add(addOn);
    }

    boolean remove(BrowserAddOn addOn, LiveSession live) {
        if (!list.remove(addOn)) {
            return false;
        }
        addOn.detach(live, true);
        return true;
    }

    <T extends BrowserAddOn> Optional<T> find(Class<T> type) {
        for (BrowserAddOn addOn : list) {
            if (type.isInstance(addOn)) {
                return Optional.of(type.cast(addOn));
            }
        }
        return Optional.empty();
    }

    /** A new browser of the session: every add-on attaches to it. One that fails is left out of this browser only. */
    void attachAll(LiveSession live) {
        for (BrowserAddOn addOn : list) {
            try {
                addOn.attach(live);
            } catch (RuntimeException e) {
                LOG.warnf("Session %s: %s could not attach to the new browser: %s", sessionId, addOn.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    void drove(LiveSession live, String method) {
        if (list.isEmpty()) {
            return;
        }
        for (BrowserAddOn addOn : list) {
            try {
                addOn.drove(live, method);
            } catch (RuntimeException e) {
                failed(addOn, "drove", e);
            }
        }
    }

    void tick(LiveSession live, boolean paused) {
        if (list.isEmpty()) {
            return;
        }
        for (BrowserAddOn addOn : list) {
            try {
                addOn.tick(live, paused);
            } catch (RuntimeException e) {
                failed(addOn, "tick", e); // never the actor's problem: the browser may be going away
            }
        }
    }

    void detachAll(LiveSession live, boolean usable) {
        for (BrowserAddOn addOn : list) {
            try {
                addOn.detach(live, usable);
            } catch (RuntimeException e) {
                failed(addOn, "detach", e);
            }
        }
    }

    private void failed(BrowserAddOn addOn, String what, RuntimeException e) {
        LOG.debugf("Session %s: %s %s: %s", sessionId, addOn.getClass().getSimpleName(), what, e.toString());
    }
}
