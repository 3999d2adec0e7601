package io.browserhub.security;

import io.browserhub.config.HubConfig;
import io.browserhub.files.PrivateFiles;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Refuses unsafe combinations before the hub serves anything, and keeps a new data directory private. */
@ApplicationScoped
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    private final HubConfig config;
    private final String bindHost;

    public StartupChecks(HubConfig config, @ConfigProperty(name = "quarkus.http.host") String bindHost) {
        this.config = config;
        this.bindHost = bindHost;
    }

    // the router is finished before the HTTP server takes requests: failing here means nothing was ever served
    void checkListenAddress(@Observes Router router) {
        listenWarning(bindHost, config.auth().enabled()).ifPresent(LOG::warn);
    }

    // before SessionRegistry (priority 10) creates the directory with default permissions
    void createPrivateDataDir(@Observes @Priority(5) StartupEvent event) {
        Path dir = Path.of(config.dataDir()).toAbsolutePath().normalize();
        try {
            if (Files.notExists(dir)) {
                PrivateFiles.directories(dir);
            } else if (PrivateFiles.openToOthers(dir)) {
                LOG.warnf("The data directory %s (browser profiles with their logins) is open to other users of this machine;"
                        + " run: chmod 700 %s", dir, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What to tell the person starting a hub on {@code host}; throws when the combination must not run:
     * without a token, only processes of this machine may reach the hub.
     */
    static Optional<String> listenWarning(String host, boolean authEnabled) {
        boolean loopback = loopback(host);
        if (!authEnabled && !loopback) {
            throw new IllegalStateException("browserhub.auth.enabled=false is only allowed when the hub listens on a loopback"
                    + " address, but quarkus.http.host is " + host + ". Remove browserhub.auth.enabled=false, or set"
                    + " quarkus.http.host=127.0.0.1.");
        }
        if (!authEnabled) {
            return Optional.of("The access token is OFF (browserhub.auth.enabled=false): every program on this machine can drive"
                    + " your browsers and their logins. Host and Origin checks still apply.");
        }
        if (!loopback) {
            return Optional.of("The hub listens on " + host + ", reachable from other machines, over plain HTTP: the token crosses"
                    + " the network readable. Prefer 127.0.0.1 with an SSH tunnel, and list the names clients use in"
                    + " browserhub.auth.allowed-hosts.");
        }
        return Optional.empty();
    }

    static boolean loopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.isBlank()) {
            return false;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
