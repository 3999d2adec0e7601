package io.browserhub.command.openrpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.command.Access;
import io.browserhub.command.MethodSpec;
import io.browserhub.command.ParamSpec;
import io.browserhub.command.ParamType;
import io.browserhub.error.ErrorCode;
import io.browserhub.session.SessionInfo;
import io.browserhub.session.TabInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * rpc.discover's answer: the method table as an OpenRPC 1.3 document, with the result records as JSON Schema
 * components and every error kind with its code. All of it is read from the code (the table, the records,
 * {@link ErrorCode}); docs/api.md and the error table of docs/protocol.md are generated from this document.
 */
public final class OpenRpcDocument {

    /** Records that results name in their declared shape ("SessionInfo", "{tabs: [TabInfo]}"). */
    private static final List<Class<? extends Record>> RESULT_RECORDS = List.of(SessionInfo.class, TabInfo.class);

    private OpenRpcDocument() {
    }

    /** @param json the hub's mapper, which decides how records and enums look on the wire */
    public static Map<String, Object> of(Collection<MethodSpec> specs, String version, ObjectMapper json) {
        RecordSchemas schemas = new RecordSchemas(json);
        Map<String, Class<? extends Record>> records = RESULT_RECORDS.stream()
                .collect(Collectors.toMap(Class::getSimpleName, c -> c));
        Function<String, Map<String, Object>> component = name -> records.containsKey(name) ? schemas.ref(records.get(name)) : null;

        List<Map<String, Object>> methods = new ArrayList<>();
        for (MethodSpec spec : specs) {
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("name", spec.name());
            method.put("summary", spec.summary());
            method.put("paramStructure", "by-name");
            method.put("params", spec.params().stream().map(OpenRpcDocument::param).toList());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", "result");
            result.put("description", spec.result());
            result.put("schema", ResultShapes.schema(spec.result(), component));
            method.put("result", result);
            method.put("errors", errorsOf(spec).stream()
                    .map(e -> Map.of("$ref", "#/components/errors/" + e.name())).toList());
            method.put("x-access", spec.access().name().toLowerCase());
            methods.add(method);
        }
        Map<String, Object> errors = new LinkedHashMap<>();
        for (ErrorCode e : ErrorCode.values()) {
            errors.put(e.name(), Map.of("code", e.code(), "message", e.when(), "data", Map.of("kind", e.name())));
        }
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", schemas.components());
        components.put("errors", errors);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openrpc", "1.3.2");
        doc.put("info", Map.of("title", "browserhub", "version", version,
                "description", "Long-lived browser sessions shared by agents and people."));
        doc.put("methods", methods);
        doc.put("components", components);
        return doc;
    }

    private static Map<String, Object> param(ParamSpec p) {
        Map<String, Object> param = new LinkedHashMap<>();
        param.put("name", p.name());
        param.put("required", p.required());
        param.put("description", p.description());
        param.put("schema", p.schema());
        if (p.alias() != null) {
            param.put("x-alias", p.alias());
        }
        return param;
    }

    /**
     * The errors a method may answer besides INVALID_PARAMS and INTERNAL_ERROR, from what it declares: whom it
     * addresses, whether it runs on the browser (it takes a tab), drives, waits, takes a selector or a URL, and
     * any error kind its summary names.
     */
    static Set<ErrorCode> errorsOf(MethodSpec spec) {
        Set<String> names = spec.params().stream()
                .flatMap(p -> p.alias() == null ? java.util.stream.Stream.of(p.name()) : java.util.stream.Stream.of(p.name(), p.alias()))
                .collect(Collectors.toSet());
        Set<ErrorCode> errors = EnumSet.of(ErrorCode.INVALID_PARAMS, ErrorCode.INTERNAL_ERROR);
        if (names.contains("session")) {
            errors.add(ErrorCode.SESSION_NOT_FOUND);
        }
        boolean onBrowser = names.contains("tab") && names.contains("session");
        if (onBrowser) {
            errors.addAll(List.of(ErrorCode.SESSION_UNAVAILABLE, ErrorCode.TAB_NOT_FOUND, ErrorCode.LIMIT_REACHED));
        }
        if (spec.access() == Access.DRIVE) {
            errors.add(ErrorCode.CONTROL_HELD);
        }
        if (names.contains("timeoutMs")) {
            errors.add(ErrorCode.TIMEOUT);
        }
        if (spec.params().stream().anyMatch(p -> p.type() == ParamType.SELECTOR)) {
            errors.add(ErrorCode.NO_ELEMENT);
        }
        if (onBrowser && names.contains("url")) {
            errors.add(ErrorCode.NAVIGATION_FAILED);
        }
        for (ErrorCode e : ErrorCode.values()) {
            if (spec.summary().matches("(?s).*\\b" + e.name() + "\\b.*")) {
                errors.add(e);
            }
        }
        return errors;
    }
}
