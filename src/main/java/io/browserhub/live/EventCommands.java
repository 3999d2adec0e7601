package io.browserhub.live;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamSpec;
import io.browserhub.command.ParamType;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** events.subscribe and events.unsubscribe: a session's events as notifications on this WebSocket. */
@ApplicationScoped
public class EventCommands implements CommandFamily {


    private final SessionRegistry sessions;
    private final EventHub hub;

    public EventCommands(SessionRegistry sessions, EventHub hub) {
        this.sessions = sessions;
        this.hub = hub;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("events.subscribe", Access.READ,
                "Sends the session's events to this WebSocket as \"event\" notifications {session, seq, ts, kind, tab?, data}; "
                        + "a reader that falls behind gets events.dropped {session, count, firstSeq, lastSeq} instead of the oldest. "
                        + "Subscribing again replaces the kinds.",
                "{subscribed: true, kinds, seq} (seq: the latest event so far, for reading earlier ones with session.activity)",
                call -> {
                    Session session = sessions.require(call.params().session());
                    if (!hub.canNotify(call.client())) {
                        throw new HubException(ErrorCode.INVALID_REQUEST, "Events need a WebSocket: HTTP POST /rpc cannot carry "
                                + "notifications. Connect to ws://<hub>/rpc and subscribe there, or poll session.activity.",
                                Map.of("transport", "http"));
                    }
                    EventKinds kinds = call.params().has("kinds") ? EventKinds.of(call.params().strings("kinds")) : EventKinds.all();
                    boolean networkBefore = hub.wantsNetwork(session.id());
                    long seq = hub.subscribe(call.client(), session, kinds);
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("subscribed", true);
                    result.put("kinds", kinds.prefixes().isEmpty() ? EventKinds.KNOWN.stream().filter(kinds::matches).toList() : kinds.prefixes());
                    result.put("seq", seq);
                    boolean networkTurnedOn = !networkBefore && hub.wantsNetwork(session.id());
                    return (networkTurnedOn ? networkListenersAttached(session) : CompletableFuture.completedFuture(null))
                            .thenApply(x -> result);
                },
                ParamSpec.SESSION,
                opt("kinds", ParamType.STRING_ARRAY, "Kinds to receive, or prefixes such as \"page\" or \"network\"; "
                        + "default: every kind except network.*, which must be named."));
        t.hub("events.unsubscribe", Access.READ, "Stops the session's event notifications to this connection; a subscription outlives its session, so it can be ended after the session was deleted.",
                "{unsubscribed: true|false}",
                call -> {
                    String id = call.params().session();
                    boolean was = hub.unsubscribe(call.client(), id);
                    if (!was) {
                        sessions.require(id); // a subscription to a deleted session's id can still be ended
                    }
                    return CompletableFuture.completedFuture(Map.of("unsubscribed", was));
                },
                ParamSpec.SESSION);
    }

    /**
     * Network listeners are attached by the session's actor between commands. When this subscription turned
     * them on, answer only once the actor has passed that point, so the client's next command is observed.
     */
    private static CompletionStage<?> networkListenersAttached(Session session) {
        if (session.state() != SessionState.RUNNING) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return session.execute(live -> null).handle((x, e) -> null);
        } catch (HubException e) {
            return CompletableFuture.completedFuture(null); // a full queue: the listeners come a moment later
        }
    }
}
