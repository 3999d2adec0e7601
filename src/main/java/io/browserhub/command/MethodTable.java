package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import io.browserhub.config.HubConfig;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
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

/** The one place that maps method names to handlers; built from every {@link CommandFamily} bean. */
@ApplicationScoped
public class MethodTable {

    private final Map<String, MethodSpec> methods = new LinkedHashMap<>();

    public MethodTable(Instance<CommandFamily> families, SessionRegistry sessions, ControlGate gate, HubConfig config) {
        Builder builder = new Builder(sessions, gate, config.session().stuckGrace().toMillis());
        families.stream()
                .sorted((a, b) -> a.getClass().getName().compareTo(b.getClass().getName()))
                .forEach(f -> f.register(builder));
        builder.specs.stream()
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
        private static final ParamSpec TIMEOUT = opt("timeoutMs", ParamType.INTEGER, "How long to wait, in ms (default 30000; 0 = no limit).");

        private final SessionRegistry sessions;
        private final ControlGate gate;
        private final long stuckGraceMs;
        private final List<MethodSpec> specs = new ArrayList<>();

        private Builder(SessionRegistry sessions, ControlGate gate, long stuckGraceMs) {
            this.sessions = sessions;
            this.gate = gate;
            this.stuckGraceMs = stuckGraceMs;
        }

        /** A method that does not run on a session's browser. */
        public void hub(String name, Access access, String summary, String result, Handler handler, ParamSpec... params) {
            add(new MethodSpec(name, summary, access, List.of(params), result, false, handler));
        }

        /** A method that runs on a session's browser, addressed by {@code session} and optional {@code tab}. */
        public void page(String name, Access access, String summary, String result, PageHandler handler, ParamSpec... params) {
            pageMethod(name, access, summary, result, false, false, handler, params);
        }

        /** Like {@link #page}, for methods that wait: adds {@code timeoutMs}. */
        public void waiting(String name, Access access, String summary, String result, PageHandler handler, ParamSpec... params) {
            pageMethod(name, access, summary, result, true, false, handler, params);
        }

        /** Like {@link #page}, but runs even while the current command is blocked by the page (a dialog). */
        public void interrupting(String name, Access access, String summary, String result, PageHandler handler, ParamSpec... params) {
            pageMethod(name, access, summary, result, false, true, handler, params);
        }

        private void pageMethod(String name, Access access, String summary, String result, boolean waits,
                                boolean interrupting, PageHandler handler, ParamSpec... params) {
            List<ParamSpec> all = new ArrayList<>(List.of(ParamSpec.SESSION, TAB));
            // a family may redeclare a common parameter, e.g. make "tab" required
            all.removeIf(common -> Arrays.stream(params).anyMatch(p -> p.name().equals(common.name())));
            all.addAll(Arrays.asList(params));
            if (waits) {
                all.add(TIMEOUT);
            }
            boolean drives = access == Access.DRIVE;
            Handler onActor = call -> {
                String sessionId = call.params().session();
                Session session = sessions.require(sessionId);
                // past its own timeout plus a grace, a command can only be stuck in the page: the watchdog ends it
                double timeout = call.params().timeoutMs();
                long limitMs = timeout == 0 ? 0 : (long) timeout + stuckGraceMs;
                return session.execute(live -> {
                    if (drives) {
                        // control may have moved while this command waited behind others
                        gate.recheck(sessionId, call.client());
                    }
                    try {
                        return PlaywrightErrors.translate(call, live, () -> handler.handle(live, call.params()));
                    } finally {
                        if (drives) {
                            live.drove(name); // a recording pictures the page after it, failed or not
                        }
                    }
                }, new WorkOptions(name, call.params().tab(), interrupting, limitMs));
            };
            add(new MethodSpec(name, summary, access, List.copyOf(all), result, interrupting, onActor));
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
            return new MethodSpec(spec.name(), spec.summary(), spec.access(), spec.params(), spec.result(), spec.interrupting(), outer);
        }

        /** The control gate of every driving method, whatever family declares it: refused before it is queued. */
        private MethodSpec gated(MethodSpec spec) {
            if (spec.params().stream().noneMatch(p -> p.name().equals(ParamSpec.SESSION.name()))) {
                throw new IllegalStateException("Driving method " + spec.name() + " must take a \"session\" parameter");
            }
            Handler inner = spec.handler();
            Handler outer = call -> {
                Runnable done = gate.admit(call.params().session(), call.client());
                try {
                    return inner.handle(call).whenComplete((result, failure) -> done.run());
                } catch (Exception | Error e) {
                    done.run();
                    throw e;
                }
            };
            return new MethodSpec(spec.name(), spec.summary(), spec.access(), spec.params(), spec.result(), spec.interrupting(), outer);
        }
    }
}
