package org.madoguchi.preentry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, gives the finished entries whose plain short-code hash V20 dropped their keyed hash again, so
 * a code handed out before the upgrade still works at the counter. Idempotent; logs a count only.
 */
@Component
class ShortCodeRekeying {

    private static final Logger log = LoggerFactory.getLogger(ShortCodeRekeying.class);

    private final Preentries preentries;

    ShortCodeRekeying(Preentries preentries) {
        this.preentries = preentries;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rekey() {
        int keyed = preentries.keyShortCodes();
        if (keyed > 0) {
            log.info("Pre-entry: stored the keyed hash of {} short codes", keyed);
        }
    }
}
