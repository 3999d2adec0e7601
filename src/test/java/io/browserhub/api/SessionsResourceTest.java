package io.browserhub.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The REST API, as a person with curl uses it. */
@QuarkusTest
class SessionsResourceTest {

    @Test
    void createListScreenshotStopDelete() {
        Hub.http().contentType("application/json").body("{\"id\":\"rest-1\",\"viewport\":{\"width\":640,\"height\":480}}")
                .post("/api/sessions").then().statusCode(201).body("id", equalTo("rest-1")).body("state", equalTo("running"));
        Hub.http().get("/api/sessions").then().statusCode(200).body("sessions.id", hasItem("rest-1"));
        Hub.http().get("/api/sessions/rest-1").then().statusCode(200).body("viewport.width", equalTo(640));

        byte[] png = Hub.http().get("/api/sessions/rest-1/screenshot").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertEquals((byte) 0x89, png[0]);
        assertEquals(640, ByteBuffer.wrap(png, 16, 4).getInt(), "the screenshot has the session's viewport width");
        byte[] jpeg = Hub.http().queryParam("format", "jpeg").get("/api/sessions/rest-1/screenshot").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertTrue(new ByteArrayInputStream(jpeg).read() == 0xFF);

        Hub.http().post("/api/sessions/rest-1/stop").then().statusCode(200).body("state", equalTo("stopped"));
        Hub.http().delete("/api/sessions/rest-1").then().statusCode(200).body("deleted", equalTo(true));
        Hub.http().get("/api/sessions/rest-1").then().statusCode(404).body("error.data.kind", equalTo("SESSION_NOT_FOUND"));
    }

    @Test
    void badInputAnswersClearErrors() {
        Hub.http().get("/api/sessions/..%2Fetc").then().statusCode(400).body("error.code", equalTo(-32602));
        Hub.http().contentType("application/json").body("{\"id\":\"rest-bad\",\"viewport\":{\"width\":\"wide\"}}")
                .post("/api/sessions").then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("viewport"));
        Hub.http().contentType("application/json").body("{\"id\":\"rest-bad\",\"colour\":\"red\"}")
                .post("/api/sessions").then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("colour"));
    }
}
