package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
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

    public MethodTable(Instance<CommandFamily> families, SessionRegistry sessions) {
        Builder builder = new Builder(sessions);
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

        private static final ParamSpec SESSION = req("session", ParamType.STRING, "Session id.");
        private static final ParamSpec TAB = opt("tab", ParamType.STRING, "Tab id such as \"t2\"; default: the active tab.");
        private static final ParamSpec TIMEOUT = opt("timeoutMs", ParamType.INTEGER, "How long to wait, in ms (default 30000; 0 = no limit).");

        private final SessionRegistry sessions;
        private final List<MethodSpec> specs = new ArrayList<>();

        private Builder(SessionRegistry sessions) {
            this.sessions = sessions;
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
            List<ParamSpec> all = new ArrayList<>(List.of(SESSION, TAB));
            // a family may redeclare a common parameter, e.g. make "tab" required
            all.removeIf(common -> Arrays.stream(params).anyMatch(p -> p.name().equals(common.name())));
            all.addAll(Arrays.asList(params));
            if (waits) {
                all.add(TIMEOUT);
            }
            Handler onActor = call -> {
                Session session = sessions.require(call.params().string("session"));
                return session.execute(live -> PlaywrightErrors.translate(call, live, () -> handler.handle(live, call.params())), interrupting);
            };
            add(new MethodSpec(name, summary, access, List.copyOf(all), result, interrupting, onActor));
        }

        private void add(MethodSpec spec) {
            if (specs.stream().anyMatch(s -> s.name().equals(spec.name()))) {
                throw new IllegalStateException("Method " + spec.name() + " is declared twice");
            }
            specs.add(spec);
        }
    }
}
