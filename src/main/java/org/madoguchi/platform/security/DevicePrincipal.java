package org.madoguchi.platform.security;

import org.madoguchi.platform.Actor;

/** A kiosk or display board, authenticated by its device token rather than a person's password. */
record DevicePrincipal(long id, String name, Actor.Role role, String officeId) {

    Actor toActor() {
        return Actor.device(id, role, officeId);
    }
}
