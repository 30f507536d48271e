package org.madoguchi.platform.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.madoguchi.Http;

/**
 * Sends generated requests with their raw bytes. Reads at most 64 KB of an answer, and none of an event stream:
 * a valid office's live events never end, and the status line and headers are all the checks need.
 */
public final class FuzzClient {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<FuzzRequest.Role, Http> roles;

    public FuzzClient(Map<FuzzRequest.Role, Http> roles) {
        this.roles = roles;
    }

    public record Answer(int status, String contentType, byte[] body, String failure) {
        public String describe() {
            return failure != null ? "no answer: " + failure
                    : status + " " + contentType + " " + FuzzRequest.printable(body, 400);
        }
    }

    public Answer send(FuzzRequest request) {
        HttpRequest.Builder builder = roles.get(request.role()).request(request.path())
                .timeout(Duration.ofSeconds(20))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream in = response.body()) {
                byte[] body = type.startsWith("text/event-stream") ? new byte[0] : in.readNBytes(65_536);
                return new Answer(response.statusCode(), type, body, null);
            }
        } catch (IOException e) {
            return new Answer(0, "", new byte[0], e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
