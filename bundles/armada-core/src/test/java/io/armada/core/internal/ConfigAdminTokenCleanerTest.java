package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

public class ConfigAdminTokenCleanerTest {

    private Dictionary<String, Object> updated;

    private ConfigurationAdmin withConfig(Dictionary<String, Object> props) {
        Configuration c = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (p, m, a) -> switch (m.getName()) {
                    case "getProperties" -> props;
                    case "update" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> d = (Dictionary<String, Object>) a[0];
                        updated = d;
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, a) -> switch (m.getName()) {
                    case "listConfigurations" -> props == null ? null : new Configuration[] {c};
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    public void theTokenLeavesConfigAdminAndFileinstallForgetsTheFile() throws Exception {
        // security review H1: Config Admin keeps a copy of its configurations under data/, readable by others
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("service.pid", "io.armada.security");
        props.put("token", "the-token-0123456789abcdef0123456789");
        props.put("shell_user", "ops");
        props.put("felix.fileinstall.filename", "file:/opt/armada/etc/io.armada.security.cfg");
        assertTrue(ConfigAdminTokenCleaner.clean(withConfig(props)));
        assertNull(updated.get("token"));
        assertNull("else fileinstall writes the file back without the token",
                updated.get("felix.fileinstall.filename"));
        assertEquals("ops", updated.get("shell_user"));
    }

    @Test
    public void aConfigurationWithoutTokenIsLeftAlone() throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("shell_user", "ops");
        assertFalse(ConfigAdminTokenCleaner.clean(withConfig(props)));
        assertNull(updated);
        assertFalse(ConfigAdminTokenCleaner.clean(withConfig(null)));
    }
}
