package io.browserhub.data.files;

import static io.browserhub.command.ParamSpec.opt;

import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamSpec;
import io.browserhub.command.ParamType;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** files.list: what a session has produced, each with the URL to fetch it. */
@ApplicationScoped
public class FileCommands implements CommandFamily {

    private final SessionRegistry sessions;
    private final SessionFiles files;

    public FileCommands(SessionRegistry sessions, SessionFiles files) {
        this.sessions = sessions;
        this.files = files;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("files.list", Access.READ, "The session's files (downloads, screenshots, traces, HARs, recordings), newest first,"
                        + " each with the URL that serves it (GET, with the hub's token).",
                "{files: [{kind, name, size, createdAt, url}]}",
                call -> {
                    var session = sessions.require(call.params().session());
                    String kind = call.params().string("kind", null);
                    return CompletableFuture.completedFuture(Map.of("files", files.list(session, kind == null ? null : FileKind.of(kind))));
                },
                ParamSpec.SESSION,
                opt("kind", ParamType.STRING, "Only this kind: " + Arrays.stream(FileKind.values()).map(FileKind::wire).toList() + "."));
    }
}
