package org.madoguchi.platform.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The application's own OpenAPI document (springdoc), read into operations and resolvable schemas. */
public final class OpenApiDocument {

    private final JsonNode root;
    private final List<ApiOperation> operations = new ArrayList<>();

    public OpenApiDocument(String json) {
        root = JsonMapper.builder().build().readTree(json);
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                operations.add(operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
            }
        }
    }

    public List<ApiOperation> operations() {
        return operations;
    }

    /** Follows a $ref into components/schemas; other schemas are returned as they are. */
    public JsonNode resolve(JsonNode schema) {
        if (schema != null && schema.has("$ref")) {
            String name = schema.path("$ref").asString().replace("#/components/schemas/", "");
            return root.path("components").path("schemas").path(name);
        }
        return schema;
    }

    private ApiOperation operation(String method, String path, JsonNode op) {
        List<ApiOperation.Parameter> parameters = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            parameters.add(new ApiOperation.Parameter(p.path("name").asString(), p.path("in").asString(),
                    p.path("required").asBoolean(false), p.path("schema").path("type").asString(""),
                    p.path("schema").path("format").asString("")));
        }
        JsonNode content = op.path("requestBody").path("content");
        JsonNode body = content.isObject() && !content.isEmpty() ? content.values().iterator().next().path("schema") : null;
        boolean stream = false;
        for (JsonNode response : op.path("responses")) {
            stream |= response.path("content").has("text/event-stream");
        }
        return new ApiOperation(method, path, List.copyOf(parameters), body,
                op.path("requestBody").path("required").asBoolean(false), stream);
    }
}
