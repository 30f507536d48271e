package org.madoguchi.platform.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

/**
 * Bodies under a Content-Type other than JSON. Multipart bodies never carry a part named "file", so the legacy
 * import (the one endpoint that takes multipart) can never receive something to import.
 */
final class WrongContent {

    private WrongContent() {
    }

    static byte[] body(ApiOperation op, Bodies bodies, Random r, Map<String, String> headers) {
        byte[] json = JsonBytes.write(op.hasBody() ? bodies.plausible(op.bodySchema(), "", r, 0) : Map.of("x", 1));
        switch (r.nextInt(8)) {
            case 0 -> {
                headers.put("Content-Type", "text/plain; charset=UTF-8");
                return json;
            }
            case 1 -> {
                headers.put("Content-Type", r.nextBoolean() ? "application/xml" : "text/xml");
                return ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + "<x><name>&e;</name></x>").getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                headers.put("Content-Type", "multipart/form-data; boundary=fuzzb");
                return ("--fuzzb\r\nContent-Disposition: form-data; name=\"office\"\r\n\r\n'; --\r\n"
                        + "--fuzzb\r\nContent-Disposition: form-data; name=\"data\"; filename=\"../../x.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\na,b\r\n1,2\r\n--fuzzb--\r\n").getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                // No boundary parameter at all.
                headers.put("Content-Type", "multipart/form-data");
                return json;
            }
            case 4 -> {
                // A boundary that never appears, and no closing delimiter.
                headers.put("Content-Type", "multipart/form-data; boundary=nowhere");
                return ("--elsewhere\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                headers.put("Content-Type", "application/x-www-form-urlencoded");
                return ("name=%27%3B--&role=ADMIN&month=" + Hostile.queryValue(r) + "&%00=%ED%A0%80")
                        .getBytes(StandardCharsets.US_ASCII);
            }
            case 6 -> {
                headers.put("Content-Type", "application/octet-stream");
                return new byte[] {0, (byte) 0xFF, 0x7B, 0x22, (byte) 0xC0, (byte) 0xAF};
            }
            default -> {
                // No Content-Type header at all.
                return json;
            }
        }
    }
}
