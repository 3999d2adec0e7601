package io.browserhub.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.browserhub.control.ControlLeases;
import io.browserhub.session.Dialogs;
import io.browserhub.session.SessionState;
import io.browserhub.session.event.CommandDone;
import io.browserhub.session.event.Screenshot;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * How the core's plain types look on the wire, so that the core itself carries no Jackson annotations: states in
 * lower case, and the records whose absent (null) fields are left out rather than written as null.
 */
@Singleton
public class WireJson implements ObjectMapperCustomizer {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private abstract static class WithoutNulls {
    }

    /** SessionInfo: "damage" only for a session whose session.json could not be read. */
    private abstract static class SessionInfoWire {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String damage();
    }

    /** control.status: "holder": null says nobody holds it; ttlMs only when somebody does. */
    private abstract static class StatusWire {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Long ttlMs();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("browserhub-wire");
        module.addSerializer(SessionState.class, new JsonSerializer<>() {
            @Override
            public void serialize(SessionState state, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(state.wire());
            }
        });
        mapper.registerModule(module);
        mapper.addMixIn(CommandDone.class, WithoutNulls.class);
        mapper.addMixIn(Screenshot.class, WithoutNulls.class);
        mapper.addMixIn(Dialogs.Handled.class, WithoutNulls.class);
        mapper.addMixIn(ControlLeases.Status.class, StatusWire.class);
        mapper.addMixIn(io.browserhub.session.SessionInfo.class, SessionInfoWire.class);
        mapper.addMixIn(ControlLeases.Grant.class, WithoutNulls.class);
    }
}
