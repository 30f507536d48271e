package org.madoguchi.reception.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.madoguchi.platform.DatabaseOutages;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.ReceptionEvents;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A board reconnecting with Last-Event-ID while the database has just gone away (before the outage is noticed) gets
 * no stream: its replay cannot be read. The holder's stream slot must be given back then, or a screen that keeps
 * retrying through an outage finds itself locked out (429) once the database is back.
 */
class LiveEventHubSlotTest {

    @Test
    void aStreamThatCouldNotReplayGivesItsSlotBack() {
        ReceptionEvents events = mock(ReceptionEvents.class);
        when(events.since(eq("honcho"), anyLong(), anyInt()))
                .thenThrow(new DataAccessResourceFailureException("the database went away"));
        LiveEventHub hub = new LiveEventHub(events, mock(DatabaseOutages.class), 50, 2);
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                assertThatThrownBy(() -> hub.subscribe("honcho", null, 41L, "device:7"))
                        .isInstanceOf(DataAccessResourceFailureException.class);
            }
            assertThat(hub.subscriberCount()).isZero();
            // Back: the board's next attempts are let in, up to its own limit.
            hub.subscribe("honcho", null, null, "device:7");
            hub.subscribe("honcho", null, null, "device:7");
            assertThat(hub.subscriberCount()).isEqualTo(2);
            assertThatThrownBy(() -> hub.subscribe("honcho", null, null, "device:7"))
                    .isInstanceOf(ProblemException.class);
        } finally {
            hub.destroy();
        }
    }
}
