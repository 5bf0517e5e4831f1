package io.armada.core.internal;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The JAAS realm {@code armada} that Karaf's SSH console uses ({@code sshRealm = armada} in
 * {@code etc/org.apache.karaf.shell.cfg}): the shell user logs in with the fleet token as password (SPEC §4), so no
 * default password ships anywhere.
 */
@Component(service = JaasRealm.class)
public class ShellRealm implements JaasRealm {
    static final String REALM = "armada";

    private final AppConfigurationEntry[] entries;

    @Activate
    public ShellRealm(BundleContext context) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, TokenLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        this.entries = new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
    }

    @Override
    public String getName() {
        return REALM;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
