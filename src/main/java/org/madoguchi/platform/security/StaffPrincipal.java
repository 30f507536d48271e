package org.madoguchi.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.madoguchi.platform.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in staff member with the departments they may serve. */
record StaffPrincipal(long id, String login, String displayName, String passwordHash, Actor.Role role,
                      boolean enabled, Set<String> departments) implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return login;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    Actor toActor() {
        return Actor.staff(id, role, departments);
    }

    @Override
    public String toString() {
        // Never print the password hash.
        return "StaffPrincipal[" + login + ", " + role + "]";
    }
}
