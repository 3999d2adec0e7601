package io.browserhub.security;

import io.browserhub.config.HubConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The hub's front door, a Vert.x route ahead of every handler (REST, the WebSocket upgrade, static pages,
 * /q): Host, then Origin, then the token, then the body size. A refused request never reaches a handler.
 */
@ApplicationScoped
public class RequestGuard {

    /** Before Quarkus' own body-size check (ROUTE_ORDER_UPLOAD_LIMIT) and every application route. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    /** Open without a token: a liveness probe cannot hold a secret, and "the process answers" reveals nothing. */
    static final String LIVENESS_PATH = "/q/health/live";

    private final AccessToken token;
    private final Refusals refusals;
    private final HostCheck hosts;
    private final OriginCheck origins;
    private final long maxBodyBytes;

    public RequestGuard(HubConfig config, AccessToken token, Refusals refusals,
                        @ConfigProperty(name = "quarkus.http.host") String bindHost,
                        @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
        this.token = token;
        this.refusals = refusals;
        this.hosts = new HostCheck(config.auth().allowedHosts().orElse(List.of()), bindHost);
        this.origins = new OriginCheck(config.auth().allowedOrigins().orElse(List.of()));
        this.maxBodyBytes = maxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle).failureHandler(this::failed);
    }

    /**
     * Vert.x refuses an HTTP/1.1 request without Host before any handler runs, and Quarkus would log it as a server
     * error with the whole URL (and a ?token= in it): it is the client's mistake, answered here and not logged.
     */
    void failed(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure != null && String.valueOf(failure.getMessage()).contains("'Host' header is required") && !ctx.response().ended()) {
            refusals.badRequest(ctx, "HTTP/1.1 requests need a Host header, e.g. Host: 127.0.0.1:<port>.");
            return;
        }
        ctx.next();
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null && request.authority() != null) {
            host = request.authority().toString(); // HTTP/2 carries it as :authority
        }
        if (!hosts.allows(host)) {
            refusals.forbidden(ctx, "This hub does not answer to the host name \"" + HostCheck.nameOf(host) + "\". Use"
                    + " http://127.0.0.1:<port>, or add the name to browserhub.auth.allowed-hosts.");
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        int port = request.localAddress() == null ? -1 : request.localAddress().port();
        if (origin != null && !origins.allows(origin, request.scheme(), host, port)) {
            refusals.forbidden(ctx, "Web pages from " + origin + " may not use this hub. If that page is yours, add its"
                    + " origin to browserhub.auth.allowed-origins.");
            return;
        }
        if (token.required() && !isLivenessProbe(request)) {
            if (!token.ready()) {
                refusals.starting(ctx);
                return;
            }
            Credential credential = Credential.of(request, DashboardSignIn.cookieName(port));
            if (!token.matches(credential.value())) {
                refusals.unauthorized(ctx, credential.source() != Credential.Source.NONE);
                return;
            }
            if (credential.source() == Credential.Source.COOKIE && !CookieUse.fromTheHubsOwnPages(request, origin != null)) {
                refusals.cookieFromElsewhere(ctx, CookieUse.describe(request));
                return;
            }
            if (credential.source() == Credential.Source.QUERY && isPageVisit(ctx)) {
                DashboardSignIn.signIn(ctx, credential.value(), port);
                return;
            }
        }
        if (declaredBodySize(request) > maxBodyBytes) {
            refusals.tooLarge(ctx, "The request body is larger than the hub accepts (" + maxBodyBytes + " bytes,"
                    + " quarkus.http.limits.max-body-size); send less per request.");
            return;
        }
        if (Refusals.isWebSocketUpgrade(request)) {
            LingeringClose.install(request);
        } else {
            Refusals.secureHeaders(ctx.response()).putHeader("X-Frame-Options", "SAMEORIGIN");
        }
        ctx.next();
    }

    private static boolean isLivenessProbe(HttpServerRequest request) {
        // the raw path, so no encoding or dot-segment trick can dress another path up as the probe
        return (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) && LIVENESS_PATH.equals(request.path());
    }

    /**
     * A person opening a page (not the API, not a WebSocket, not an MCP host opening its event stream with
     * GET /mcp or /mcp/sse): the printed link's first visit.
     */
    private static boolean isPageVisit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        return (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)
                && !Refusals.isWebSocketUpgrade(request)
                && !path.equals("/rpc") && !path.startsWith("/api/") && !path.startsWith("/q/")
                && !path.equals("/mcp") && !path.startsWith("/mcp/") && !Refusals.isCdp(ctx);
    }

    private static long declaredBodySize(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return 0; // chunked: Quarkus counts while reading and answers 413 itself
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
