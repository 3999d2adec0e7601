package io.browserhub.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser-level CDP that the extension API cannot carry (chrome.debugger reaches tabs, not the browser), answered
 * by the relay from the shared tabs: what Playwright's connectOverCDP, Puppeteer and the hub's own session need
 * (Browser.getVersion, Target.setAutoAttach, attachToTarget, createTarget, ...). Anything else at the browser level
 * is refused with a sentence saying why. Link event loop only.
 */
final class BrowserTarget {

    private static final Pattern PRODUCT = Pattern.compile("(HeadlessChrome|Chrome|Chromium)/[0-9.]+");

    private BrowserTarget() {
    }

    static CompletionStage<JsonNode> handle(RelayClient client, ClientSession session, String method, ObjectNode params) {
        BrowserLink link = client.link();
        ObjectNode empty = client.json().createObjectNode();
        switch (method) {
            case "Browser.getVersion":
                return client.done(version(client));
            case "Browser.setDownloadBehavior":
            case "Browser.close":
                // downloads stay the person's, where their browser puts them; nobody closes the person's browser
                return client.done(empty);
            case "Browser.getWindowForTarget": {
                SharedTab tab = params.has("targetId") ? tab(link, params) : session.tab;
                ObjectNode window = client.json().createObjectNode().put("windowId", tab == null ? 0 : tab.windowId());
                window.putObject("bounds").put("windowState", "normal");
                return client.done(window);
            }
            case "Target.setAutoAttach": {
                requireFlat(params);
                session.autoAttach = params.path("autoAttach").asBoolean(false);
                if (session.autoAttach) {
                    for (SharedTab tab : link.attachedTabs()) {
                        boolean already = client.sessions().stream().anyMatch(s -> s.parent == session && s.tab == tab);
                        if (!already) {
                            client.attachTab(session, tab);
                        }
                    }
                }
                return client.done(empty);
            }
            case "Target.setDiscoverTargets":
                session.discover = params.path("discover").asBoolean(false);
                if (session.discover) {
                    link.attachedTabs().forEach(tab -> client.emit(session, "Target.targetCreated", client.targetInfoEvent(tab)));
                }
                return client.done(empty);
            case "Target.getTargets": {
                ArrayNode infos = client.json().createArrayNode();
                link.attachedTabs().forEach(tab -> infos.add(tab.targetInfo()));
                return client.done(client.json().createObjectNode().set("targetInfos", infos));
            }
            case "Target.getTargetInfo":
                return client.done(client.json().createObjectNode().set("targetInfo",
                        params.has("targetId") ? tab(link, params).targetInfo() : browserInfo(client)));
            case "Target.getBrowserContexts": {
                Set<String> contexts = new LinkedHashSet<>();
                link.attachedTabs().forEach(tab -> contexts.add(tab.targetInfo().path("browserContextId").asText()));
                ArrayNode ids = client.json().createArrayNode();
                contexts.forEach(ids::add);
                return client.done(client.json().createObjectNode().set("browserContextIds", ids));
            }
            case "Target.attachToTarget": {
                requireFlat(params);
                ClientSession attached = client.attachTab(session, tab(link, params));
                return client.done(client.json().createObjectNode().put("sessionId", attached.id));
            }
            case "Target.attachToBrowserTarget":
                return client.done(client.json().createObjectNode().put("sessionId", client.browserSession().id));
            case "Target.detachFromTarget": {
                ClientSession attached = client.session(params.path("sessionId").asText(""));
                if (attached == null || attached.id.isEmpty()) {
                    throw new CdpError(CdpError.SERVER_ERROR, "No session with given id");
                }
                client.forget(attached);
                ObjectNode event = client.json().createObjectNode().put("sessionId", attached.id);
                if (attached.tab != null) {
                    event.put("targetId", attached.tab.targetId());
                }
                client.emit(attached.parent, "Target.detachedFromTarget", event);
                return client.done(empty);
            }
            case "Target.createTarget":
                return link.open(params.path("url").asText("about:blank"))
                        .thenApply(tab -> {
                            if (!tab.attached()) {
                                throw new CdpError(CdpError.SERVER_ERROR, "The new tab could not be attached (" + tab.url() + ")");
                            }
                            return client.json().createObjectNode().put("targetId", tab.targetId());
                        });
            case "Target.closeTarget":
                return link.close(tab(link, params)).thenApply(r -> client.json().createObjectNode().put("success", true));
            case "Target.activateTarget":
                return link.activate(tab(link, params)).thenApply(r -> empty);
            default:
                throw new CdpError(CdpError.METHOD_NOT_FOUND, "browserhub: " + method + " is not available through the extension"
                        + " relay: the person's browser is reached through its tabs (chrome.debugger), and this method is about"
                        + " the whole browser.");
        }
    }

    /** Browser.getVersion, from the extension's user agent: Playwright reads the version and headlessness off it. */
    static ObjectNode version(RelayClient client) {
        String userAgent = client.link().userAgent();
        return client.json().createObjectNode()
                .put("protocolVersion", "1.3")
                .put("product", product(userAgent))
                .put("revision", "")
                .put("userAgent", userAgent)
                .put("jsVersion", "");
    }

    /** "Chrome/156.0.8078.108" (or HeadlessChrome/...) from a user agent. */
    static String product(String userAgent) {
        Matcher product = PRODUCT.matcher(userAgent);
        return product.find() ? product.group() : "Chrome/0";
    }

    private static ObjectNode browserInfo(RelayClient client) {
        return client.json().createObjectNode()
                .put("targetId", "browserhub-relay-" + client.link().session())
                .put("type", "browser")
                .put("title", "")
                .put("url", "")
                .put("attached", true)
                .put("canAccessOpener", false);
    }

    private static SharedTab tab(BrowserLink link, ObjectNode params) {
        SharedTab tab = link.tabByTarget(params.path("targetId").asText(null));
        if (tab == null) {
            throw new CdpError(CdpError.SERVER_ERROR, "No target with given id found (only the tabs the person shares are targets)");
        }
        return tab;
    }

    private static void requireFlat(ObjectNode params) {
        if (params.has("flatten") && !params.path("flatten").asBoolean()) {
            throw new CdpError(CdpError.SERVER_ERROR, "browserhub's extension relay offers flat sessions only (flatten: true)");
        }
    }
}
