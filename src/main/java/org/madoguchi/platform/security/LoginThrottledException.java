package org.madoguchi.platform.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many recent failures: the attempt was refused before its password was checked. */
class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
