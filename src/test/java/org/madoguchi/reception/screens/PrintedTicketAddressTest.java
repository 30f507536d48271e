package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.QrSvg;
import org.madoguchi.TestApp;

/**
 * Finding 10: the printed ticket's QR code sends a resident's phone somewhere. It must never be a host chosen by
 * whoever sent the request (the Host header), only the configured public address or the server's own.
 */
class PrintedTicketAddressTest {

    private final TestApp app = TestApp.shared();

    private String qrOfTicketPrintedWithHost(String host) throws Exception {
        app.resetReception();
        String kiosk = app.device("KIOSK", "honcho");
        Http.Response issued = new Http(app).bearer(kiosk).post("/api/v1/offices/honcho/tickets",
                Http.json(Map.of("itinerary", java.util.List.of(Map.of("departmentId", "koseki-jumin")))));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().path("publicToken").asString();
        assertThat(token).isNotBlank();
        // java.net.http refuses to set Host; a raw socket request does what an attacker's client would.
        String page = RawHttp.get(app.port(), "/kiosk/tickets/" + token, host, "Bearer " + kiosk);
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page);
        assertThat(svg.find()).as(page).isTrue();
        return QrSvg.decode(svg.group());
    }

    @Test
    void aForgedHostHeaderDoesNotReachTheQrCode() throws Exception {
        String url = qrOfTicketPrintedWithHost("evil.example");
        assertThat(url).doesNotContain("evil.example").startsWith("http://127.0.0.1:" + app.port() + "/t/");
    }

    @Test
    void theConfiguredPublicAddressIsUsedWhenSet() throws Exception {
        TestApp configured = TestApp.start(Map.of("madoguchi.public-base-url", "https://madoguchi.city.example.lg.jp/"));
        try {
            String kiosk = configured.device("KIOSK", "honcho");
            Http.Response issued = new Http(configured).bearer(kiosk).post("/api/v1/offices/honcho/tickets",
                    Http.json(Map.of("itinerary", java.util.List.of(Map.of("departmentId", "koseki-jumin")))));
            String token = issued.json().path("publicToken").asString();
            String page = RawHttp.get(configured.port(), "/kiosk/tickets/" + token, "evil.example", "Bearer " + kiosk);
            Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page);
            assertThat(svg.find()).isTrue();
            assertThat(QrSvg.decode(svg.group())).isEqualTo("https://madoguchi.city.example.lg.jp/t/" + token);
        } finally {
            configured.close();
        }
    }

    /** One HTTP/1.0 GET over a socket (so the answer is not chunked), with any Host header. */
    static final class RawHttp {
        static String get(int port, String path, String host, String authorization) throws Exception {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                var out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nAuthorization: " + authorization
                        + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }
}
