package org.madoguchi.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.madoguchi.platform.Actor;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in staff member with the departments they may serve. The password hash is needed only while the
 * password is checked; Spring Security then erases it, so the copy kept in the session table has none.
 */
final class StaffPrincipal implements UserDetails, CredentialsContainer {

    private static final long serialVersionUID = 2L;

    private final long id;
    private final String login;
    private final String displayName;
    private String passwordHash;
    private final Actor.Role role;
    private final boolean enabled;
    private final boolean mustChangePassword;
    private final Set<String> departments;

    StaffPrincipal(long id, String login, String displayName, String passwordHash, Actor.Role role, boolean enabled,
                   boolean mustChangePassword, Set<String> departments) {
        this.id = id;
        this.login = login;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = enabled;
        this.mustChangePassword = mustChangePassword;
        this.departments = Set.copyOf(departments);
    }

    long id() {
        return id;
    }

    String login() {
        return login;
    }

    String displayName() {
        return displayName;
    }

    Actor.Role role() {
        return role;
    }

    Set<String> departments() {
        return departments;
    }

    /** The initial administrator, and anyone whose password an administrator reset, must choose their own. */
    boolean mustChangePassword() {
        return mustChangePassword;
    }

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

    @Override
    public void eraseCredentials() {
        passwordHash = null;
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
