package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import io.browserhub.config.HubConfig;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.Later;
import io.browserhub.session.LiveSession;
import io.browserhub.session.WorkOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** The one place that maps method names to handlers; built from every {@link CommandFamily} bean. */
@ApplicationScoped
public class MethodTable {

    /** The longest timeoutMs any method accepts: a day. Longer waits are mistakes (or 1e30). */
    public static final long MAX_TIMEOUT_MS = 86_400_000L;

    private final Map<String, MethodSpec> methods = new LinkedHashMap<>();

    public MethodTable(Instance<CommandFamily> families, SessionRegistry sessions, ControlGate gate, HubConfig config) {
        Builder builder = new Builder(sessions, gate, config.session().stuckGrace().toMillis());
        families.stream()
                .sorted((a, b) -> a.getClass().getName().compareTo(b.getClass().getName()))
                .forEach(f -> f.register(builder));
        builder.specs.stream()
                .map(builder::withFollowUp)
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(spec -> methods.put(spec.name(), spec));
    }

    public Optional<MethodSpec> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    public Collection<MethodSpec> all() {
        return methods.values();
    }

    /** What families use to declare their methods. */
    public static final class Builder {

        private static final ParamSpec TAB = opt("tab", ParamType.STRING, "Tab id such as \"t2\"; default: the active tab.");
        private static final ParamSpec TIMEOUT = opt("timeoutMs", ParamType.INTEGER, "How long to wait, in ms (default 30000; 0 = no limit).")
                .range(0, MAX_TIMEOUT_MS);

        private final SessionRegistry sessions;
        private final ControlGate gate;
        private final long stuckGraceMs;
        private final List<MethodSpec> specs = new ArrayList<>();
        private final Map<String, FollowUp> followUps = new LinkedHashMap<>();

        private Builder(SessionRegistry sessions, ControlGate gate, long stuckGraceMs) {
            this.sessions = sessions;
            this.gate = gate;
            this.stuckGraceMs = stuckGraceMs;
        }

        /** What to do with a method's result once it succeeded, knowing the call (who asked): e.g. lease the tab it opened. */
        @FunctionalInterface
        public interface FollowUp {
            Object apply(Call call, Object result);

            /** Refuses a call it could not follow up, before the method runs at all. */
            default void check(Call call) {
            }
        }

        /** Runs {@code followUp} after every successful call of the method, before its caller hears the result. */
        public void followUp(String name, FollowUp followUp) {
            followUps.put(name, followUp);
        }

        private MethodSpec withFollowUp(MethodSpec spec) {
            FollowUp followUp = followUps.get(spec.name());
            if (followUp == null) {
                return spec;
            }
            Handler inner = spec.handler();
            return spec.withHandler(call -> {
                followUp.check(call);
                return inner.handle(call).thenApply(result -> followUp.apply(call, result));
            });
        }

        /** A method that does not run on a session's browser. */
        public void hub(String name, Access access, String summary, String result, Handler handler, ParamSpec... params) {
            add(new MethodSpec(name, summary, access, List.of(params), result, false, false, false, handler));
        }

        /** How a method that runs on a session's browser behaves. */
        private enum Shape {
            /** Works on one tab (the {@code tab} parameter, else the active one). */
            PAGE(false, false, false),
            /** Like PAGE, and may wait: takes {@code timeoutMs}; a wait may hand the actor a {@link Later}. */
            WAITING(true, false, false),
            /** Runs even while the current command is blocked by the page (a dialog). */
            INTERRUPTING(false, true, false),
            /** Works on the session rather than one tab (tab.list): never waits behind a tab's wait. */
            SESSION_WIDE(false, false, true),
            /** Like SESSION_WIDE, and takes {@code timeoutMs} (tab.new with a URL). */
            SESSION_WIDE_WAITING(true, false, true);

            final boolean waits;
            final boolean interrupting;
            final boolean anyTab;

            Shape(boolean waits, boolean interrupting, boolean anyTab) {
                this.waits = waits;
                this.interrupting = interrupting;
                this.anyTab = anyTab;
            }
        }

        /** A method that runs on a session's browser, addressed by {@code session} and optional {@code tab}. */
        public void page(String name, Access access, String summary, String result, PageHandler handler, ParamSpec... params) {
            pageMethod(name, access, summary, result, Shape.PAGE, handler, params);
        }

        /**
         * Like {@link #page}, for methods that wait: adds {@code timeoutMs}. The handler may return a {@link Later}, so
         * that the wait lets other tabs' commands run meanwhile.
         */
        public void waiting(String name, Access access, String summary, String result, PageHandler handler, ParamSpec... params) {
            pageMethod(name, access, summary, result, Shape.WAITING, handler, params);
        }

        /** Like {@link #page}, but runs even while the current command is blocked by the page (a dialog). */
        public void interrupting(String name, Access access, String summary, String result, PageHandler handler, ParamSpec... params) {
            pageMethod(name, access, summary, result, Shape.INTERRUPTING, handler, params);
        }

        /** Like {@link #page}, for methods about the whole session (tab.list): they do not wait behind a tab. */
        public void sessionWide(String name, Access access, String summary, String result, PageHandler handler, ParamSpec... params) {
            pageMethod(name, access, summary, result, Shape.SESSION_WIDE, handler, params);
        }

        /** Like {@link #sessionWide}, with {@code timeoutMs} (tab.new, which may load a URL). */
        public void sessionWideWaiting(String name, Access access, String summary, String result, PageHandler handler, ParamSpec... params) {
            pageMethod(name, access, summary, result, Shape.SESSION_WIDE_WAITING, handler, params);
        }

        private void pageMethod(String name, Access access, String summary, String result, Shape shape,
                                PageHandler handler, ParamSpec... params) {
            List<ParamSpec> all = new ArrayList<>(List.of(ParamSpec.SESSION, TAB));
            // a family may redeclare a common parameter, e.g. make "tab" required
            all.removeIf(common -> Arrays.stream(params).anyMatch(p -> p.name().equals(common.name())));
            all.addAll(Arrays.asList(params));
            if (shape.waits) {
                all.add(TIMEOUT);
            }
            boolean drives = access == Access.DRIVE;
            boolean onTab = !shape.anyTab;
            Handler onActor = asked -> {
                Call call = onTab ? ownTab(asked) : asked;
                String sessionId = call.params().session();
                Session session = sessions.require(sessionId);
                // past its own timeout plus a grace, a command can only be stuck in the page: the watchdog ends it
                double timeout = call.params().timeoutMs();
                long limitMs = timeout == 0 ? 0 : (long) timeout + stuckGraceMs;
                return session.execute(live -> {
                    if (drives) {
                        // control may have moved while this command waited behind others
                        gate.recheck(sessionId, onTab ? live.tabId(live.page(call.params().tab())) : null, call.client());
                    }
                    String drove = drives ? name : null;
                    Object done = afterDriving(live, drove,
                            () -> PlaywrightErrors.translate(call, live, () -> handler.handle(live, call.params())),
                            first -> !(first instanceof Later<?>));
                    return done instanceof Later<?> later ? translated(later, call, drove) : done;
                }, new WorkOptions(name, call.params().tab(), shape.anyTab, shape.interrupting, limitMs));
            };
            add(new MethodSpec(name, summary, access, List.copyOf(all), result, shape.interrupting, onTab, true, onActor));
        }

        /** A command without a tab goes to the caller's leased tab, when it holds exactly one in the session. */
        private Call ownTab(Call call) {
            if (call.params().tab() != null) {
                return call;
            }
            return gate.leasedTab(call.params().session(), call.client())
                    .map(tab -> new Call(call.method(), call.client(), call.params().withTab(tab)))
                    .orElse(call);
        }

        /**
         * Each later look of a wait fails the way its first one would; a driving command's add-ons hear of it when the
         * wait ends, not when it starts.
         */
        private static <T> Later<T> translated(Later<T> later, Call call, String drove) {
            return later.wrapped(check -> live -> afterDriving(live, drove,
                    () -> PlaywrightErrors.translate(call, live, () -> check.check(live)), Optional::isPresent));
        }

        /**
         * Runs a step of a command; when the command is over (a failure, or a result that {@code over} accepts rather
         * than a wait that goes on) tells the add-ons that {@code drove} ran: a recording pictures the page after it,
         * failed or not. {@code drove} null: a reading command.
         */
        private static <T> T afterDriving(LiveSession live, String drove, Callable<T> step, Predicate<T> over) throws Exception {
            boolean done = true;
            try {
                T result = step.call();
                done = over.test(result);
                return result;
            } finally {
                if (drove != null && done) {
                    live.drove(drove);
                }
            }
        }

        private void add(MethodSpec spec) {
            if (specs.stream().anyMatch(s -> s.name().equals(spec.name()))) {
                throw new IllegalStateException("Method " + spec.name() + " is declared twice");
            }
            boolean onSession = spec.params().stream().anyMatch(p -> p.name().equals(ParamSpec.SESSION.name()));
            specs.add(spec.access() == Access.DRIVE ? gated(spec) : onSession ? touching(spec) : spec);
        }

        /** Reading commands of the holder keep its lease alive too: its TTL counts from the last command of any kind. */
        private MethodSpec touching(MethodSpec spec) {
            Handler inner = spec.handler();
            Handler outer = call -> {
                gate.touch(call.params().session(), call.client());
                return inner.handle(call);
            };
            return spec.withHandler(outer);
        }

        /** The control gate of every driving method, whatever family declares it: refused before it is queued. */
        private MethodSpec gated(MethodSpec spec) {
            if (spec.params().stream().noneMatch(p -> p.name().equals(ParamSpec.SESSION.name()))) {
                throw new IllegalStateException("Driving method " + spec.name() + " must take a \"session\" parameter");
            }
            Handler inner = spec.handler();
            Handler outer = asked -> {
                Call call = spec.onTab() ? ownTab(asked) : asked;
                String sessionId = call.params().session();
                // the tab it will drive: the named one, else the caller's own, else the active one as last seen
                String tab = !spec.onTab() ? null : call.params().tab() != null ? call.params().tab()
                        : sessions.find(sessionId).flatMap(Session::activeTab).orElse(null);
                Runnable done = gate.admit(sessionId, tab, call.client());
                try {
                    return inner.handle(call).whenComplete((result, failure) -> done.run());
                } catch (Exception | Error e) {
                    done.run();
                    throw e;
                }
            };
            return spec.withHandler(outer);
        }
    }
}
