package io.armada.core.internal;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.TokenService;

/**
 * Password login for the shell: the configured shell user with the fleet token as password. The user gets the
 * roles of Karaf's administrator (admin, manager, viewer, systembundles, ssh).
 */
public class TokenLoginModule implements LoginModule {
    private static final Logger LOG = LoggerFactory.getLogger(TokenLoginModule.class);
    static final List<String> ROLES = List.of("admin", "manager", "viewer", "systembundles", "ssh");

    private Subject subject;
    private CallbackHandler callbackHandler;
    private String user;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.callbackHandler = callbackHandler;
    }

    @Override
    public boolean login() throws LoginException {
        if (callbackHandler == null) {
            throw new LoginException("no callback handler");
        }
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            callbackHandler.handle(new Callback[] {name, password});
        } catch (Exception e) {
            // public key logins have no password callback: refuse them, the token is the only credential
            throw new FailedLoginException("password login only");
        }
        char[] pw = password.getPassword();
        String given = pw == null ? null : new String(pw);
        password.clearPassword();
        if (!check(name.getName(), given)) {
            LOG.warn("Shell login refused for user {}", logSafe(name.getName()));
            throw new FailedLoginException("login failed");
        }
        user = name.getName();
        return true;
    }

    /**
     * A user name as it may appear in the log (security review L9): a token typed into the user field is not logged,
     * control characters (a CR/LF forging a log line) are escaped, and the name is cut to 32 characters.
     */
    static String logSafe(String name) {
        if (name == null) {
            return "(none)";
        }
        if (name.length() >= 20 && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            return "(" + name.length() + " characters, not shown: it may be a token)";
        }
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < name.length() && i < 32; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('\'');
        if (name.length() > 32) {
            b.append("... (").append(name.length()).append(" characters)");
        }
        return b.toString();
    }

    private static boolean check(String name, String password) {
        Bundle bundle = FrameworkUtil.getBundle(TokenLoginModule.class);
        BundleContext ctx = bundle == null ? null : bundle.getBundleContext();
        if (ctx == null) {
            return false;
        }
        ServiceReference<TokenService> ref = ctx.getServiceReference(TokenService.class);
        if (ref == null) {
            return false;
        }
        TokenService tokens = ctx.getService(ref);
        try {
            if (tokens == null) {
                return false;
            }
            String shellUser = tokens instanceof TokenServiceImpl impl ? impl.shellUser() : "karaf";
            boolean tokenOk = tokens.matches(password);
            return tokenOk && shellUser.equals(name);
        } finally {
            ctx.ungetService(ref);
        }
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        principals.add(new UserPrincipal(user));
        for (String role : ROLES) {
            principals.add(new RolePrincipal(role));
        }
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        user = null;
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        user = null;
        return true;
    }
}
