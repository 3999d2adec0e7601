package io.browserhub.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.client.Client;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.observability.LingeringWorker;
import io.browserhub.observability.LogText;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.arc.All;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Finds a method, checks its parameters against the declaration, and runs it. Transport-neutral. */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final MethodTable table;
    private final SessionRegistry sessions;
    private final ObjectMapper json;
    private final List<CommandListener> inline;
    private final List<CommandListener> later;
    private final long defaultTimeoutMs;
    private static final int BOOKKEEPING_CAPACITY = 65_536;
    /**
     * One thread, so the listeners that need not hear a command at once still hear commands in order; it takes them in
     * batches, so a command does not wake it each time.
     */
    private final LingeringWorker<CommandOutcome> bookkeeping;

    public Dispatcher(MethodTable table, ObjectMapper json, HubConfig config, SessionRegistry sessions, @All List<CommandListener> listeners) {
        this.table = table;
        this.sessions = sessions;
        this.json = json;
        this.inline = listeners.stream().filter(CommandListener::inline).toList();
        this.later = listeners.stream().filter(l -> !l.inline()).toList();
        this.defaultTimeoutMs = config.session().defaultTimeout().toMillis();
        this.bookkeeping = new LingeringWorker<>("command-bookkeeping", BOOKKEEPING_CAPACITY,
                outcomes -> outcomes.forEach(outcome -> tell(later, outcome)));
    }

    @PreDestroy
    void stop() {
        bookkeeping.stop(Duration.ofSeconds(5));
    }

    /**
     * Never throws: every failure, synchronous or not, completes the stage exceptionally. The caller hears the outcome
     * first (its response goes out); then the listeners hear about the command: the journal at once, on the same thread,
     * so its order stays the order commands finished in; metrics and the log line on the bookkeeping thread.
     */
    public CompletionStage<Object> dispatch(String method, JsonNode params, Client client) {
        long started = System.nanoTime();
        CompletableFuture<Object> answer = new CompletableFuture<>();
        run(method, params, client).whenComplete((result, failure) -> {
            long duration = System.nanoTime() - started;
            if (failure == null) {
                answer.complete(result);
            } else {
                answer.completeExceptionally(failure);
            }
            report(new CommandOutcome(method, params, client, result, failure, duration));
        });
        return answer;
    }

    /**
     * Whether dispatching this request only hands it to a running session's queue, so that a transport may dispatch it
     * on its own thread (an event loop) without blocking it: a page method, on a session whose browser runs now.
     * Anything else (a start, a hub method, files, a batch) is dispatched from a thread that may wait.
     */
    public boolean handsOver(String method, JsonNode params) {
        MethodSpec spec = table.find(method).orElse(null);
        if (spec == null || !spec.onActor() || params == null) {
            return false;
        }
        JsonNode session = params.get(ParamSpec.SESSION.name());
        return session != null && session.isTextual()
                && sessions.find(session.asText()).map(Session::takesCommandsNow).orElse(false);
    }

    /**
     * Tells the listeners (journal, metrics, log) about a command; also for what a door runs without the method
     * table (the CDP door's navigations and input, which go to Chromium as they are).
     */
    public void report(CommandOutcome outcome) {
        tell(inline, outcome);
        if (!later.isEmpty() && !bookkeeping.offer(outcome)) {
            // shutting down, or so far behind that the command pays for its own bookkeeping
            tell(later, outcome);
        }
    }

    private static void tell(List<CommandListener> listeners, CommandOutcome outcome) {
        for (CommandListener listener : listeners) {
            try {
                listener.finished(outcome);
            } catch (RuntimeException e) {
                LOG.warnf(LogText.safe(e), "A command listener failed on %s", LogText.escape(outcome.method()));
            }
        }
    }

    private CompletionStage<Object> run(String method, JsonNode params, Client client) {
        try {
            MethodSpec spec = table.find(method).orElseThrow(() -> new HubException(ErrorCode.METHOD_NOT_FOUND,
                    "Unknown method \"" + method + "\"; rpc.discover lists every method.", Map.of("method", method)));
            ObjectNode checked = check(spec, params);
            Call call = new Call(method, client, new Params(checked, json, defaultTimeoutMs));
            @SuppressWarnings("unchecked")
            CompletionStage<Object> result = (CompletionStage<Object>) spec.handler().handle(call);
            return result;
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private ObjectNode check(MethodSpec spec, JsonNode params) {
        if (params == null || params.isNull()) {
            params = json.createObjectNode();
        }
        if (!params.isObject()) {
            throw HubException.invalidParams(spec.name() + " takes named parameters: \"params\" must be an object.");
        }
        ObjectNode object = underDeclaredNames(spec, (ObjectNode) params);
        Set<String> known = spec.params().stream().map(ParamSpec::name).collect(Collectors.toSet());
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw HubException.invalidParams(spec.name() + " has no parameter \"" + name + "\"; it takes "
                        + (known.isEmpty() ? "none" : spec.params().stream().map(ParamSpec::name).toList()) + ".");
            }
        }
        for (ParamSpec p : spec.params()) {
            JsonNode value = object.get(p.name());
            if (value == null || value.isNull()) {
                if (p.required()) {
                    throw HubException.invalidParams(spec.name() + " needs \"" + p.name() + "\""
                            + (p.alias() == null ? "" : " (or \"" + p.alias() + "\")") + " (" + p.type().describe() + "): " + p.description());
                }
            } else if (!p.type().accepts(value)) {
                throw HubException.invalidParams("\"" + p.name() + "\" of " + spec.name() + " must be " + p.type().describe()
                        + ", not " + value.getNodeType().name().toLowerCase() + ".");
            } else if (p.type() == ParamType.INTEGER && !p.inRange(ParamType.integral(value))) {
                throw new HubException(ErrorCode.INVALID_PARAMS, "\"" + p.name() + "\" of " + spec.name() + " must be " + p.min()
                        + ".." + p.max() + ", not " + value.asText() + ".", Map.of("param", p.name(), "minimum", p.min(), "maximum", p.max()));
            } else {
                // mistakes recognisable from the value alone are refused before the command waits in any queue
                p.type().check(p.name(), value);
            }
        }
        return object;
    }

    /** Parameters given under an alias, renamed to their declared name; the handler only knows that one. */
    private ObjectNode underDeclaredNames(MethodSpec spec, ObjectNode given) {
        ObjectNode object = given;
        for (ParamSpec p : spec.params()) {
            if (p.alias() == null || !given.has(p.alias())) {
                continue;
            }
            JsonNode value = given.get(p.alias());
            if (given.has(p.name()) && !given.get(p.name()).equals(value)) {
                throw HubException.invalidParams(spec.name() + " got both \"" + p.name() + "\" and \"" + p.alias()
                        + "\", which name the same parameter; give one of them.");
            }
            if (object == given) {
                object = given.deepCopy();
            }
            object.remove(p.alias());
            object.set(p.name(), value);
        }
        return object;
    }
}
