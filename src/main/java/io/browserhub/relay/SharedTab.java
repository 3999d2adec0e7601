package io.browserhub.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tab the person shares, as the extension last described it, and its DevTools target once the relay attached to
 * it. Touched on its link's event loop only.
 */
public final class SharedTab {

    private final int id;
    private int windowId;
    private String url = "";
    private String title = "";
    private boolean active;
    /** Chromium's description of the tab's target, from the attach; null while not attached. */
    private ObjectNode target;
    private boolean attaching;

    SharedTab(int id) {
        this.id = id;
    }

    /** Chrome's tab id. */
    public int id() {
        return id;
    }

    public int windowId() {
        return windowId;
    }

    public String url() {
        return url;
    }

    public String title() {
        return title;
    }

    public boolean active() {
        return active;
    }

    /** Takes the extension's description ({id, windowId, url, title, active}); true when the URL changed. */
    boolean update(JsonNode reported) {
        String before = url;
        windowId = reported.path("windowId").asInt(windowId);
        url = reported.path("url").asText("");
        title = reported.path("title").asText("");
        active = reported.path("active").asBoolean(false);
        return !url.equals(before);
    }

    public boolean attached() {
        return target != null;
    }

    boolean attaching() {
        return attaching;
    }

    void attaching(boolean now) {
        attaching = now;
    }

    void attachedAs(ObjectNode targetInfo) {
        target = targetInfo;
    }

    void detached() {
        target = null;
    }

    /** The DevTools target id while attached, else null. */
    public String targetId() {
        return target == null ? null : target.path("targetId").asText(null);
    }

    /** Target.TargetInfo as a CDP client expects it: Chromium's, with the URL and title the tab has now. */
    public ObjectNode targetInfo() {
        ObjectNode info = target.deepCopy();
        info.put("url", url.isEmpty() ? info.path("url").asText("") : url);
        info.put("title", title.isEmpty() ? info.path("title").asText("") : title);
        info.put("attached", true);
        info.put("type", "page");
        return info;
    }
}
