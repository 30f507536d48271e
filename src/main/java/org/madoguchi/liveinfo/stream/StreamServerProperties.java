package org.madoguchi.liveinfo.stream;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the lean status stream server (the shared stream settings, heartbeat, stalled-after and
 * max-subscribers, stay in {@code LiveInfoProperties}).
 *
 * @param streamPort its own port; 0 picks a free one (tests), a negative value turns the server off
 * @param streamAddress the address it binds to; loopback by default, because production puts it behind the
 *                      same reverse proxy as the application
 * @param streamPublicUrl the origin the pages use for it, e.g. {@code https://live.example.jp} (added to the pages'
 *                        {@code connect-src}); empty means pages use the application's own servlet stream;
 *                        {@code same-origin} means the proxy routes the stream path of the main origin to this
 *                        server, so pages keep the path as it is
 * @param streamAllowedOrigins origins allowed to read it from a page (CORS); empty means
 *                             {@code madoguchi.public-base-url} or, if that is unset, any origin on loopback
 * @param streamServer {@code enabled: false} keeps the server off; pages then use the servlet stream
 * @param streamTrustedProxies addresses of the reverse proxies in front of it; a connection from one of them counts
 *                             against the per-client limit as the last address of its {@code X-Forwarded-For}.
 *                             Loopback by default, since the server listens on loopback behind a local proxy
 */
@ConfigurationProperties("madoguchi.liveinfo")
public record StreamServerProperties(Integer streamPort, String streamAddress, String streamPublicUrl,
                                     List<String> streamAllowedOrigins, Switch streamServer,
                                     List<String> streamTrustedProxies) {

    public StreamServerProperties {
        streamPort = streamPort == null ? 8081 : streamPort;
        streamAddress = streamAddress == null || streamAddress.isBlank() ? "127.0.0.1" : streamAddress;
        streamPublicUrl = streamPublicUrl == null ? "" : streamPublicUrl.strip();
        streamAllowedOrigins = streamAllowedOrigins == null ? List.of() : List.copyOf(streamAllowedOrigins);
        streamServer = streamServer == null ? new Switch(null) : streamServer;
        streamTrustedProxies = streamTrustedProxies == null ? List.of("127.0.0.1", "::1")
                : List.copyOf(streamTrustedProxies);
    }

    public boolean enabled() {
        return streamServer.enabled() && streamPort >= 0;
    }

    public record Switch(Boolean enabled) {
        public Switch {
            enabled = enabled == null || enabled;
        }
    }
}
