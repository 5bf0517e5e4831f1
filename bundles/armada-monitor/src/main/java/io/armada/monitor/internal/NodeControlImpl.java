package io.armada.monitor.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.monitor.IpSettings;
import io.armada.monitor.MonitorService;
import io.armada.monitor.NodeControl;
import io.armada.monitor.Reporting;

/**
 * Node control: the five handlers of {@code task} (CrontabHandler, OsHandler, ServiceHandler, TimerHandler,
 * FileHandler), IP configuration and password checks. Every action that touches the machine runs a configured
 * command and can be switched off (see {@link MonitorConfiguration}). Refusals never change anything.
 */
@Component(service = NodeControl.class, configurationPid = "io.armada.monitor")
public class NodeControlImpl implements NodeControl {
    private static final Logger LOG = LoggerFactory.getLogger(NodeControlImpl.class);
    /** Seconds between the answer of OsHandler shutdown/reboot and the command. */
    static final long OS_ACTION_DELAY_MS = 1000;

    private final MonitorConfiguration config;
    private final Reporting reporting;
    private final BiConsumer<Runnable, Long> later;
    private final Runnable networkChanged;
    private final Crontab crontab;
    private final Ifcfg ifcfg;
    private final FileDeleter deleter;
    private final ServiceStates services;
    private final List<String> systemctl;
    private final PasswordVerifier verifier;
    private final io.armada.monitor.internal.servers.ManagedServers servers;

    @Activate
    public NodeControlImpl(MonitorConfiguration config, @Reference Reporting reporting, @Reference MonitorThread thread,
            @Reference MonitorService monitor, @Reference io.armada.monitor.internal.servers.ManagedServers servers) {
        this(config, reporting, thread::later, monitor::networkChanged, MonitorSettings.dataFolder(),
                Figures::isPhysicalNic, ServiceStates.sdBooted(), new LibPamCheck(), servers);
    }

    NodeControlImpl(MonitorConfiguration config, Reporting reporting, BiConsumer<Runnable, Long> later,
            Runnable networkChanged, Path dataFolder, Predicate<String> physicalNic, BooleanSupplier systemd,
            PasswordCheck passwords) {
        this(config, reporting, later, networkChanged, dataFolder, physicalNic, systemd, passwords, null);
    }

    /**
     * @param later runs an action on the monitor's thread after a delay in milliseconds
     * @param networkChanged drops the monitor's cached network figures
     */
    NodeControlImpl(MonitorConfiguration config, Reporting reporting, BiConsumer<Runnable, Long> later,
            Runnable networkChanged, Path dataFolder, Predicate<String> physicalNic, BooleanSupplier systemd,
            PasswordCheck passwords, io.armada.monitor.internal.servers.ManagedServers servers) {
        this.servers = servers;
        this.config = config;
        this.reporting = reporting;
        this.later = later;
        this.networkChanged = networkChanged;
        this.systemctl = CommandRunner.split(config.command_systemctl());
        this.crontab = new Crontab(CommandRunner.split(config.command_crontab()), config.command_shutdown());
        this.ifcfg = new Ifcfg(Path.of(config.network_scripts_dir()), physicalNic,
                CommandRunner.split(config.command_ifup()), CommandRunner.split(config.command_ifdown()));
        List<Path> roots = new ArrayList<>();
        for (String r : MonitorSettings.list(config.files_roots())) {
            roots.add(Path.of(r));
        }
        if (roots.isEmpty()) {
            roots.add(dataFolder.resolve("files"));
        }
        this.deleter = new FileDeleter(roots);
        this.services = new ServiceStates(systemctl, systemd);
        this.verifier = new PasswordVerifier(config, passwords);
    }

    // ------------------------------------------------------------------ task

    @Override
    public Map<String, Object> task(String handler, String command, Map<String, Object> data) {
        if (handler == null || handler.isBlank()) {
            throw ApiException.badRequest("handler is required");
        }
        if (command == null || command.isBlank()) {
            throw ApiException.badRequest("command is required");
        }
        Map<String, Object> d = data == null ? Map.of() : data;
        return switch (handler) {
            case "CrontabHandler" -> crontab(command, d);
            case "OsHandler" -> os(command);
            case "ServiceHandler" -> service(command, d);
            case "TimerHandler" -> timer(command, d);
            case "FileHandler" -> file(command, d);
            case "ServerHandler" -> servers.handle(command, d);
            default -> throw ApiException.badRequest("unknown handler");
        };
    }

    private static ApiException unknownCommand() {
        return ApiException.badRequest("unknown command");
    }

    private Map<String, Object> crontab(String command, Map<String, Object> data) {
        switch (command) {
            case "setup_shutdown" -> {
                String name = Crontab.taskName(text(data, "task_name", false));
                Crontab.Schedule s = new Crontab.Schedule(Crontab.minute(text(data, "exec_minute", true)),
                        Crontab.hour(text(data, "exec_hour", true)), Crontab.weekly(text(data, "exec_weekly", true)));
                requireSwitch(config.allow_crontab(), "CrontabHandler " + command, "allow.crontab");
                crontab.setup(name, s);
                return null;
            }
            case "delete_shutdown" -> {
                String name = Crontab.taskName(text(data, "task_name", false));
                requireSwitch(config.allow_crontab(), "CrontabHandler " + command, "allow.crontab");
                crontab.delete(name);
                return null;
            }
            case "select_shutdown" -> {
                String name = Crontab.taskName(text(data, "task_name", false));
                return crontab.select(name).toData();
            }
            case "modify_shutdown" -> {
                String name = Crontab.taskName(text(data, "task_name", false));
                String m = text(data, "exec_minute", true);
                String h = text(data, "exec_hour", true);
                String w = text(data, "exec_weekly", true);
                if (m == null && h == null && w == null) {
                    throw ApiException.badRequest("exec_minute, exec_hour or exec_weekly is required");
                }
                m = m == null ? null : Crontab.minute(m);
                h = h == null ? null : Crontab.hour(h);
                w = w == null ? null : Crontab.weekly(w);
                requireSwitch(config.allow_crontab(), "CrontabHandler " + command, "allow.crontab");
                crontab.modify(name, m, h, w);
                return null;
            }
            default -> throw unknownCommand();
        }
    }

    private Map<String, Object> os(String command) {
        List<String> argv;
        switch (command) {
            case "shutdown" -> {
                requireSwitch(config.allow_shutdown(), "OsHandler shutdown", "allow.shutdown");
                argv = CommandRunner.split(config.command_shutdown());
            }
            case "reboot" -> {
                requireSwitch(config.allow_reboot(), "OsHandler reboot", "allow.reboot");
                argv = CommandRunner.split(config.command_reboot());
            }
            default -> throw unknownCommand();
        }
        if (argv.isEmpty()) {
            throw Codes.refuse(Codes.OTHER_ERROR, "no command configured for OsHandler " + command);
        }
        LOG.warn("OsHandler {} requested: running '{}' in {} ms", command, String.join(" ", argv), OS_ACTION_DELAY_MS);
        // answer first, act after (the original's os.popen ran in the background too)
        later.accept(() -> CommandRunner.start(argv), OS_ACTION_DELAY_MS);
        return null;
    }

    private Map<String, Object> service(String command, Map<String, Object> data) {
        Object raw = data.get("service");
        switch (command) {
            case "status" -> {
                if (!(raw instanceof String name) || !ServiceStates.validName(name)) {
                    throw ApiException.badRequest("service must be one service name");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("status", services.states(List.of(name)).get(name));
                return out;
            }
            case "start", "stop", "restart", "enable", "disable" -> {
                List<String> names = serviceNames(raw);
                requireSwitch(config.allow_service_control(), "ServiceHandler " + command, "allow.service.control");
                if (systemctl.isEmpty()) {
                    throw Codes.refuse(Codes.OTHER_ERROR, "no systemctl command configured");
                }
                List<String> argv = new ArrayList<>(systemctl);
                argv.add(command);
                if (command.equals("enable") || command.equals("disable")) {
                    argv.add("--now"); // the original's enable+start / disable+stop
                }
                argv.add("--");
                argv.addAll(names);
                LOG.info("ServiceHandler {} {}", command, names);
                if (!CommandRunner.start(argv)) {
                    throw Codes.refuse(Codes.OTHER_ERROR, "cannot run " + systemctl.get(0));
                }
                return null;
            }
            default -> throw unknownCommand();
        }
    }

    /** {@code service}: one name or a non-empty array of names. */
    static List<String> serviceNames(Object raw) {
        List<String> names = new ArrayList<>();
        if (raw instanceof String s) {
            names.add(s);
        } else if (raw instanceof List<?> list && !list.isEmpty() && list.size() <= 64) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw ApiException.badRequest("service must be a name or an array of names");
                }
                names.add(s);
            }
        } else {
            throw ApiException.badRequest("service must be a name or an array of names");
        }
        for (String n : names) {
            if (!ServiceStates.validName(n)) {
                throw ApiException.badRequest("service names are letters, digits and @ _ . : - (not starting with -)");
            }
        }
        return names;
    }

    private Map<String, Object> timer(String command, Map<String, Object> data) {
        switch (command) {
            case "update" -> {
                String addr = text(data, "addr", false);
                String uuid = text(data, "node_uuid", true);
                requireSwitch(config.allow_timer_control(), "TimerHandler update", "allow.timer.control");
                reporting.update(addr, uuid);
                return null;
            }
            case "pause" -> {
                requireSwitch(config.allow_timer_control(), "TimerHandler pause", "allow.timer.control");
                reporting.pause();
                return null;
            }
            case "resume" -> {
                requireSwitch(config.allow_timer_control(), "TimerHandler resume", "allow.timer.control");
                reporting.resume();
                return null;
            }
            default -> throw unknownCommand();
        }
    }

    /** fetch_file, list_files and delete_file by md5 (SPEC §10.1); the seed's delete_file by file_name stays here. */
    @Reference
    FileHandler fileHandler;

    private Map<String, Object> file(String command, Map<String, Object> data) {
        if (command.equals("fetch_file") || command.equals("list_files")
                || (command.equals("delete_file") && data.get("md5") != null && data.get("file_name") == null)) {
            return fileHandler.run(command, data);
        }
        if (!command.equals("delete_file")) {
            throw unknownCommand();
        }
        String name = text(data, "file_name", false);
        if (name == null) {
            throw ApiException.badRequest("file_name is required");
        }
        requireSwitch(config.allow_delete_file(), "FileHandler delete_file", "allow.delete.file");
        deleter.delete(name);
        return null;
    }

    /**
     * A text field of {@code data}: null when absent; a string; or (when {@code numberOk}) an integer, as the seed's
     * examples send numbers as strings and clients send either. Anything else is 88888.
     */
    static String text(Map<String, Object> data, String key, boolean numberOk) {
        Object v = data.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (numberOk && (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger)) {
            return v.toString();
        }
        throw ApiException.badRequest(key + " has the wrong type");
    }

    private static void requireSwitch(boolean allowed, String action, String setting) {
        if (!allowed) {
            throw Codes.disabled(action, setting);
        }
    }

    // ------------------------------------------------------------------ IP

    @Override
    public Map<String, Object> addIp(IpSettings settings) {
        ifcfg.check(settings);
        requireSwitch(config.allow_ip_config(), "add_ip", "allow.ip.config");
        try {
            return ifcfg.add(settings);
        } finally {
            networkChanged.run();
        }
    }

    @Override
    public Map<String, Object> updateIp(IpSettings settings) {
        ifcfg.check(settings);
        requireSwitch(config.allow_ip_config(), "update_ip", "allow.ip.config");
        try {
            return ifcfg.update(settings);
        } finally {
            networkChanged.run();
        }
    }

    @Override
    public void deleteIp(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        requireSwitch(config.allow_ip_config(), "delete_ip", "allow.ip.config");
        try {
            ifcfg.delete(name);
        } finally {
            networkChanged.run();
        }
    }

    @Override
    public Map<String, Object> exchangeIp(String name1, String name2) {
        if (name1 == null || name1.isBlank() || name2 == null || name2.isBlank()) {
            throw ApiException.badRequest("name1 and name2 are required");
        }
        requireSwitch(config.allow_ip_config(), "exchange_ip", "allow.ip.config");
        try {
            return ifcfg.exchange(name1, name2);
        } finally {
            networkChanged.run();
        }
    }

    // ------------------------------------------------------------------ password

    @Override
    public void verifyPassword(String user, String password, String source) {
        if (user == null || user.isBlank()) {
            throw ApiException.badRequest("user is required");
        }
        if (password == null) {
            throw ApiException.badRequest("password is required");
        }
        requireSwitch(config.allow_verify_password(), "verify_password", "allow.verify.password");
        verifier.verify(user, password, source);
    }

    /** Checks waiting for the PAM thread. */
    int pamWaiting() {
        return verifier.waiting();
    }

    /** Stops the PAM thread. */
    @org.osgi.service.component.annotations.Deactivate
    void closePam() {
        verifier.close();
    }

    List<Path> deletionRoots() {
        return deleter.roots();
    }
}
