package org.madoguchi.platform;

/** Resolves who is making the current request; implemented by the security configuration. */
public interface CurrentActor {

    /** The authenticated actor, or a 401 problem when there is none. */
    Actor get();
}
