package io.browserhub.control;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamSpec;
import io.browserhub.command.ParamType;
import io.browserhub.command.Params;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** control.acquire, control.release, control.status: who drives a session. */
@ApplicationScoped
public class ControlCommands implements CommandFamily {

    private static final long MIN_TTL_MS = 1000;

    private final ControlLeases leases;

    public ControlCommands(ControlLeases leases) {
        this.leases = leases;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("control.acquire", Access.MANAGE,
                "Takes control of a session, or with tab of one tab: afterwards only this client drives it (that tab); others get "
                        + "CONTROL_HELD, and may still read. The whole session's lease wins over tab leases. Waits in line (FIFO) "
                        + "with wait:true; a person may take over from an agent with force:true.",
                "{holder: {clientId, name, kind, since}, ttlMs, tab?}",
                call -> {
                    if (!call.client().recognisable()) {
                        throw new HubException(ErrorCode.INVALID_REQUEST, "An anonymous HTTP request cannot hold control: no later "
                                + "request would be recognised as its holder. Name the client with the X-Browserhub-Client header, "
                                + "or use the WebSocket.", Map.of("transport", "http"));
                    }
                    Params p = call.params();
                    long timeoutMs = (long) p.timeoutMs();
                    return leases.acquire(p.session(), p.tab(), call.client(), p.bool("wait", false), timeoutMs, ttl(p),
                            p.bool("force", false));
                },
                ParamSpec.SESSION,
                opt("tab", ParamType.STRING, "Lease this tab only (e.g. \"t2\"): other clients cannot drive it, and your commands "
                        + "without a tab go to it; default: the whole session."),
                opt("wait", ParamType.BOOLEAN, "Wait in line while another client holds control (default false: CONTROL_HELD at once)."),
                opt("timeoutMs", ParamType.INTEGER, "How long to wait with wait:true, in ms (default 30000; 0 = no limit); TIMEOUT after.")
                        .range(0, MethodTable.MAX_TIMEOUT_MS),
                opt("ttlMs", ParamType.INTEGER, "Control ends after this many ms without a command from you (default 60000).")
                        .range(0, Long.MAX_VALUE),
                opt("force", ParamType.BOOLEAN, "People only: take control from an agent, who is told by a control.changed event."));
        t.hub("control.release", Access.MANAGE, "Gives up control of a session (or with tab, of that tab); the first client "
                        + "waiting gets it.",
                "{released: true|false} (false: you did not hold it)",
                call -> CompletableFuture.completedFuture(Map.of("released",
                        leases.release(call.params().session(), call.params().tab(), call.client()))),
                ParamSpec.SESSION, opt("tab", ParamType.STRING, "The tab whose lease to give up; default: the whole session's."));
        t.hub("control.status", Access.READ, "Who controls a session and each leased tab, and how many clients wait.",
                "{holder: null|{clientId, name, kind, since}, waiting, ttlMs?, tabs: [{tab, holder, ttlMs, waiting}]}",
                call -> CompletableFuture.completedFuture(leases.status(call.params().session())),
                ParamSpec.SESSION);
    }

    private Duration ttl(Params p) {
        if (!p.has("ttlMs")) {
            return leases.defaultTtl();
        }
        long ms = p.longInteger("ttlMs", 0);
        long max = leases.maxTtl().toMillis();
        if (ms < MIN_TTL_MS || ms > max) {
            throw HubException.invalidParams("ttlMs must be " + MIN_TTL_MS + ".." + max + " (browserhub.control.max-ttl), not " + ms + ".");
        }
        return Duration.ofMillis(ms);
    }
}
