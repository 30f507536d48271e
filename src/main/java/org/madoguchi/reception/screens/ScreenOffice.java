package org.madoguchi.reception.screens;

import org.madoguchi.platform.Actor;

/** Which office a floor screen shows. */
final class ScreenOffice {

    static final String DEFAULT_OFFICE = "honcho";

    private ScreenOffice() {
    }

    /**
     * A display device always shows the office it was registered for, whatever the address says, so a
     * mistyped bookmark cannot put another building's numbers on the wall; staff may pick any office.
     */
    static String resolve(Actor actor, String requested) {
        if (actor.role() == Actor.Role.DISPLAY && actor.officeId() != null) {
            return actor.officeId();
        }
        return requested == null || requested.isBlank() ? DEFAULT_OFFICE : requested.trim();
    }
}
