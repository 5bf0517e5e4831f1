package io.armada.monitor;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Node control (seed 003 {@code task}, IP configuration, password checks). Every action can be switched off in the
 * configuration {@code io.armada.monitor}; commands that touch the machine are configured commands.
 *
 * @since 1.0
 */
@ProviderType
public interface NodeControl {

    /**
     * Runs one handler command of {@code POST /api/v1/monitor/task}: {@code CrontabHandler}, {@code OsHandler},
     * {@code ServiceHandler}, {@code TimerHandler}, {@code FileHandler}.
     *
     * @param handler the handler name
     * @param command the command of that handler
     * @param data the command's data, may be {@code null}
     * @return the answer's {@code data}, or {@code null} for none
     * @throws io.armada.core.ApiException 88888 for an unknown handler or command or bad data; 40601..40603 for
     *         crontab records; -1 when the action is switched off or its command fails
     * @since 1.0
     */
    Map<String, Object> task(String handler, String command, Map<String, Object> data);

    /**
     * Writes a new {@code ifcfg-<name>} file and brings it up.
     *
     * @return {@code {name}}
     * @throws io.armada.core.ApiException 40303 invalid address, 40304 not a physical NIC, 40311 exists, 40307 failed
     * @since 1.0
     */
    Map<String, Object> addIp(IpSettings settings);

    /**
     * Rewrites the addresses of an existing {@code ifcfg-<name>} file and brings it up.
     *
     * @return {@code {name}}
     * @throws io.armada.core.ApiException 40303, 40304, 40306 no such file, 40308 failed
     * @since 1.0
     */
    Map<String, Object> updateIp(IpSettings settings);

    /**
     * Takes a sub-interface ({@code eth0:1}) down and deletes its file.
     *
     * @throws io.armada.core.ApiException 40305 a main NIC, 40306 no such file, 40309 failed
     * @since 1.0
     */
    void deleteIp(String name);

    /**
     * Swaps the address configuration of two interfaces.
     *
     * @return {@code {name1: <old name2>, name2: <old name1>}}
     * @throws io.armada.core.ApiException 40304, 40306, 40310 failed
     * @since 1.0
     */
    Map<String, Object> exchangeIp(String name1, String name2);

    /**
     * Checks an operating-system password through PAM, rate-limited per user and source address.
     *
     * @param source the client's address, for the rate limit
     * @throws io.armada.core.ApiException 88888 without user or password, 40312 when wrong or limited
     * @since 1.0
     */
    void verifyPassword(String user, String password, String source);
}
