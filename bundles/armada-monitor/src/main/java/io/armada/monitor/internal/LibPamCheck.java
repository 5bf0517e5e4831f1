package io.armada.monitor.internal;

import org.jvnet.libpam.PAM;
import org.jvnet.libpam.PAMException;

/**
 * PAM through libpam4j (org.kohsuke:libpam4j, on JNA), the binding Jenkins uses: {@code pam_start} with the
 * configured service, {@code pam_authenticate} with a conversation that answers the password, then the user's
 * account lookup. One check at a time: PAM modules are not all thread-safe, and the checks are rate-limited anyway.
 * The password is never logged, nor put in an exception message.
 */
final class LibPamCheck implements PasswordCheck {

    @Override
    public synchronized boolean check(String service, String user, String password) {
        PAM pam;
        try {
            pam = new PAM(service);
        } catch (PAMException e) {
            throw new IllegalStateException("PAM service " + service + " cannot be started: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new IllegalStateException("libpam cannot be loaded: " + e.getMessage(), e);
        }
        try {
            pam.authenticate(user, password);
            return true;
        } catch (PAMException e) {
            return false;
        } finally {
            pam.dispose();
        }
    }
}
