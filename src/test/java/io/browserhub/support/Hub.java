package io.browserhub.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** The hub under test, as clients reach it: its URL and the access token of the test profile. */
public final class Hub {

    /** Must match %test.browserhub.auth.token in application.properties. */
    public static final String TOKEN = "test-token-0123456789";
    /**
     * Quinoa's switch. Every test profile is augmented on its own before the first test runs, Quinoa's dashboard build
     * (npm) included: a profile that does not look at the dashboard sets it to "false" to skip that (~2 s each here).
     */
    public static final String QUINOA = "quarkus.quinoa";

    private Hub() {
    }

    public static URI base() {
        // with quarkus.http.test-port=0 Quarkus publishes the port it really bound as this property
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(RestAssured.port);
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The data directory of the hub under test, absolute. */
    public static Path dataDir() {
        return Path.of(ConfigProvider.getConfig().getValue("browserhub.data-dir", String.class)).toAbsolutePath().normalize();
    }

    /** {@code <data-dir>/uploads}, created: the one directory pages may get files from by path unless configured otherwise. */
    public static Path uploads() {
        try {
            return Files.createDirectories(dataDir().resolve("uploads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WebSocket JSON-RPC client with the token. */
    public static RpcClient connect() {
        return RpcClient.connect(base(), Map.of("Authorization", "Bearer " + TOKEN));
    }

    /** A rest-assured request with the token. */
    public static RequestSpecification http() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    /** One JSON-RPC call over HTTP POST /rpc; returns the whole response object. */
    public static JsonNode post(String body) {
        String text = http().contentType("application/json").body(body).post("/rpc").then().extract().asString();
        try {
            return text.isEmpty() ? null : RpcClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
