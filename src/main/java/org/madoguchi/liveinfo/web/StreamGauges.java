package org.madoguchi.liveinfo.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.madoguchi.liveinfo.stream.LeanStreamServer;
import org.springframework.stereotype.Component;

/**
 * {@code madoguchi_stream_subscribers{stream=…}}: public status streams open on this node, on the servlet stream
 * ({@code public-servlet}) and on the lean stream server ({@code public-lean}); the staff screens' office event
 * streams are counted by reception ({@code office-events}).
 */
@Component
class StreamGauges implements MeterBinder {

    private final StatusStream servlet;
    private final LeanStreamServer lean;

    StreamGauges(StatusStream servlet, LeanStreamServer lean) {
        this.servlet = servlet;
        this.lean = lean;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("madoguchi.stream.subscribers", servlet, StatusStream::subscribers)
                .description("Open live streams on this node").tag("stream", "public-servlet").register(registry);
        Gauge.builder("madoguchi.stream.subscribers", lean, LeanStreamServer::subscribers)
                .description("Open live streams on this node").tag("stream", "public-lean").register(registry);
    }
}
