package io.armada.monitor.internal;

/** Checks an operating-system password; the seam that lets tests run without PAM. */
interface PasswordCheck {

    /**
     * @return true when PAM accepts the password for the user
     * @throws IllegalStateException when PAM itself cannot be used (no libpam, no such service)
     */
    boolean check(String service, String user, String password);
}
