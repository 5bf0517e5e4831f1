package io.armada.core.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the fleet token out of Config Admin's configuration {@code io.armada.security} (security review H1): an
 * instance started before fileinstall skipped {@code etc/io.armada.security.cfg} has it there, and Config Admin keeps
 * a copy of it under {@code data/} (and someone may have put one there with {@code config:property-set}). Core reads
 * the token from the file; the configuration keeps its other properties.
 * <p>
 * The configuration is updated without fileinstall's {@code felix.fileinstall.filename} as well: with it, fileinstall
 * would write the configuration back to the file (without the token), and deleting the configuration would delete
 * the file. That is also why an operator should not remove the token with the shell.
 */
@Component(immediate = true)
public class ConfigAdminTokenCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigAdminTokenCleaner.class);
    static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    @Activate
    public ConfigAdminTokenCleaner(@Reference ConfigurationAdmin configAdmin) {
        try {
            clean(configAdmin);
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.warn("Could not check Config Admin's {} for a copy of the fleet token: {}", TokenServiceImpl.PID,
                    e.toString());
        }
    }

    /** Removes {@code token} (and fileinstall's file name) from the configuration; true when it had a token. */
    static boolean clean(ConfigurationAdmin configAdmin) throws IOException, InvalidSyntaxException {
        Configuration[] found = configAdmin.listConfigurations("(service.pid=" + TokenServiceImpl.PID + ")");
        if (found == null) {
            return false;
        }
        boolean cleaned = false;
        for (Configuration c : found) {
            Dictionary<String, Object> props = c.getProperties();
            if (props == null || props.get("token") == null) {
                continue;
            }
            Dictionary<String, Object> kept = new Hashtable<>();
            for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (!key.equals("token") && !key.equals(FILEINSTALL_FILENAME)) {
                    kept.put(key, props.get(key));
                }
            }
            c.update(kept);
            cleaned = true;
            LOG.warn("Removed the fleet token from Config Admin's configuration {} (it kept a copy under data/); the"
                    + " token stays in etc/{}.cfg", TokenServiceImpl.PID, TokenServiceImpl.PID);
        }
        return cleaned;
    }
}
