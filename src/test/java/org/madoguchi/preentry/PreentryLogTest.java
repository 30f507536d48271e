package org.madoguchi.preentry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.slf4j.LoggerFactory;

/** A whole pre-entry life, from the resident's pages to the counter and the purge, writes nothing personal to the log. */
class PreentryLogTest {

    @Test
    void nothingPersonalIsLogged() {
        TestApp app = TestApp.shared();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        ch.qos.logback.classic.Level before = ((Logger) LoggerFactory.getLogger("org.madoguchi.preentry")).getLevel();
        ((Logger) LoggerFactory.getLogger("org.madoguchi.preentry")).setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            Preentries.Started started = PreentryFixture.filledMoveIn(app, null);
            UUID id = started.entry().id();
            PreentryFixture.finishOnPage(app, started.draftToken());
            Draft draft = app.bean(Preentries.class).byId(id).orElseThrow().draft();
            new Http(app).header("Cookie", PreentryController.COOKIE + "=" + started.draftToken()).get("/preentry/done");
            new Http(app).header("Cookie", PreentryController.COOKIE + "=" + started.draftToken()).get("/preentry/confirm");
            Http admin = new Http(app).admin();
            admin.get("/console/preentry/" + id);
            admin.get("/console/preentry/" + id + "/pdf");
            admin.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(java.util.Map.of("code", draft.qrToken())));
            app.jdbc().sql("UPDATE preentry.entry SET expires_at = now() WHERE id = ?").param(id).update();
            app.bean(PreentryPurge.class).purge();

            String logged = String.join("\n", appender.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList());
            assertThat(logged).contains("Pre-entry purge");
            assertThat(logged).doesNotContain("髙橋", "𠮷", "タカハシ", "板橋二丁目", "090-1234-5678", "1990-04-01",
                    started.draftToken(), draft.qrToken(), draft.shortCode());
        } finally {
            root.detachAppender(appender);
            ((Logger) LoggerFactory.getLogger("org.madoguchi.preentry")).setLevel(before);
        }
    }
}
