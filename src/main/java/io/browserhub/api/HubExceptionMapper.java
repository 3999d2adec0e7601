package io.browserhub.api;

import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Protocol errors on the REST API: an HTTP status plus the same {code, message, data} as JSON-RPC. */
@Provider
public class HubExceptionMapper implements ExceptionMapper<HubException> {

    @Override
    public Response toResponse(HubException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code().code());
        error.put("message", e.getMessage());
        error.put("data", e.data());
        return Response.status(status(e.code())).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", error)).build();
    }

    /** The HTTP status of a protocol error, also for the CDP door's HTTP answers. */
    public static int status(ErrorCode code) {
        return switch (code) {
            case PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS, NAVIGATION_FAILED -> 400;
            case UNAUTHORIZED -> 401;
            case SESSION_NOT_FOUND, TAB_NOT_FOUND, METHOD_NOT_FOUND, NO_ELEMENT -> 404;
            case SESSION_EXISTS, CONTROL_HELD -> 409;
            case SCRIPT_ERROR -> 422;
            case LIMIT_REACHED -> 429;
            case SESSION_UNAVAILABLE -> 503;
            case TIMEOUT -> 504;
            case INTERNAL_ERROR -> 500;
        };
    }
}
