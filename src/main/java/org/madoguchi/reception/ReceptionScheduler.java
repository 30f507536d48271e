package org.madoguchi.reception;

import java.time.LocalDate;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Time-driven rules: absent visits whose grace period ended, and closing each office's day. */
@Component
class ReceptionScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReceptionScheduler.class);

    private final ReceptionService reception;
    private final FloorDirectory floors;
    private final ReceptionProperties properties;

    ReceptionScheduler(ReceptionService reception, FloorDirectory floors, ReceptionProperties properties) {
        this.reception = reception;
        this.floors = floors;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${madoguchi.reception.absent-check-interval:PT30S}")
    void expireAbsences() {
        int n = reception.expireAbsences();
        if (n > 0) {
            log.info("Applied the after-grace rule ({}) to {} absent visits", properties.absentAfterGrace(), n);
        }
    }

    @Scheduled(fixedDelayString = "${madoguchi.reception.close-check-interval:PT1M}")
    void closeDays() {
        if (!properties.autoCloseDay()) {
            return;
        }
        for (Floor.Office office : floors.offices()) {
            if (!office.autoClose()) {
                continue;
            }
            for (LocalDate day : reception.daysToClose(office)) {
                try {
                    DayClosing closing = reception.closeDay(office.id(), day, Actor.system());
                    log.info("Closed {} {}: {} unserved visits on {} tickets", office.id(), day,
                            closing.unservedVisits(), closing.unservedTickets());
                } catch (ProblemException alreadyClosed) {
                    // Another node closed it first.
                }
            }
        }
    }
}
