package org.madoguchi.platform.fuzz;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** One operation of the OpenAPI document, reduced to what the fuzzer needs to build requests for it. */
public record ApiOperation(String method, String path, List<Parameter> parameters, JsonNode bodySchema,
                           boolean bodyRequired, boolean eventStream) {

    public record Parameter(String name, String in, boolean required, String type, String format) {
    }

    public List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    public boolean hasBody() {
        return bodySchema != null;
    }

    /** GET is safe by definition; every other method is treated as able to change state. */
    public boolean safe() {
        return method.equals("GET");
    }

    public boolean underApi() {
        return path.startsWith("/api/");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
