package io.armada.monitor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the monitor (PID {@code io.armada.monitor}, file {@code etc/io.armada.monitor.cfg}; an attribute
 * {@code a_b_c} is the key {@code a.b.c} there). Commands are split on whitespace into a program and its arguments
 * (no shell); a blank command switches its action off, as does the matching {@code allow.*} switch.
 */
@ObjectClassDefinition(name = "Armada monitor", description = "Node figures, node control and reports to the server (seed 003)")
public @interface MonitorConfiguration {

    @AttributeDefinition(description = "systemd services whose state the service route and the service report give")
    String[] services() default {"libvirtd", "sshd"};

    @AttributeDefinition(description = "Seconds between two reports to the server (both bodies)")
    int report_interval_seconds() default 20;

    @AttributeDefinition(description = "Seconds a report may take before it counts as failed")
    int report_timeout_seconds() default 10;

    @AttributeDefinition(description = "Port ranges (down-up, half-open) the server may allocate on this node; sent in the resource report")
    String[] ports_range() default {"30000-40000"};

    @AttributeDefinition(description = "Folders under which FileHandler delete_file may delete; empty: ${armada.data}/files alone. Never /."
            + " The first is the files root, where fetch_file writes and list_files looks")
    String[] files_roots() default {};

    @AttributeDefinition(description = "Seconds a FileHandler fetch_file may take, body included")
    int fetch_timeout_seconds() default 900;

    @AttributeDefinition(description = "FileHandler fetch_file downloads at a time; more are refused (code -1)")
    int fetch_parallel() default 2;

    @AttributeDefinition(description = "Folder of the RHEL-style ifcfg-<name> files (IP routes; network route gateway/dns)")
    String network_scripts_dir() default "/etc/sysconfig/network-scripts";

    @AttributeDefinition(description = "PAM service of verify_password")
    String pam_service() default "system-auth";

    @AttributeDefinition(description = "verify_password attempts allowed per user and client address per window")
    int password_attempts() default 5;

    @AttributeDefinition(description = "verify_password attempts allowed per client address per window, whatever the"
            + " user (password spraying across users)")
    int password_attempts_per_source() default 20;

    @AttributeDefinition(description = "verify_password attempts allowed per window on this node, all users and"
            + " addresses together")
    int password_attempts_total() default 120;

    @AttributeDefinition(description = "Seconds of the verify_password window")
    int password_window_seconds() default 60;

    // ---- configured commands ----

    @AttributeDefinition(description = "crontab program: run as 'crontab -l' and 'crontab -' (content on stdin)")
    String command_crontab() default "crontab";

    @AttributeDefinition(description = "systemctl program (service states, ServiceHandler)")
    String command_systemctl() default "systemctl";

    @AttributeDefinition(description = "Command of OsHandler shutdown; also the command of the crontab shutdown jobs")
    String command_shutdown() default "shutdown -h now";

    @AttributeDefinition(description = "Command of OsHandler reboot")
    String command_reboot() default "shutdown -r now";

    @AttributeDefinition(description = "Brings an interface up after add_ip/update_ip/exchange_ip: '<command> <name>'")
    String command_ifup() default "ifup";

    @AttributeDefinition(description = "Takes an interface down before delete_ip: '<command> <name>'")
    String command_ifdown() default "ifdown";

    // ---- safety switches ----

    @AttributeDefinition(description = "Allow OsHandler shutdown")
    boolean allow_shutdown() default true;

    @AttributeDefinition(description = "Allow OsHandler reboot")
    boolean allow_reboot() default true;

    @AttributeDefinition(description = "Allow ServiceHandler start/stop/restart/enable/disable (status is always allowed)")
    boolean allow_service_control() default true;

    @AttributeDefinition(description = "Allow CrontabHandler changes (setup/modify/delete; select is always allowed)")
    boolean allow_crontab() default true;

    @AttributeDefinition(description = "Allow add_ip, update_ip, delete_ip, exchange_ip")
    boolean allow_ip_config() default true;

    @AttributeDefinition(description = "Allow FileHandler delete_file (inside files_roots only)")
    boolean allow_delete_file() default true;

    @AttributeDefinition(description = "Allow FileHandler fetch_file (downloads into the files root)")
    boolean allow_fetch_file() default true;

    @AttributeDefinition(description = "Allow FileHandler list_files")
    boolean allow_list_files() default true;

    @AttributeDefinition(description = "Allow verify_password")
    boolean allow_verify_password() default true;

    @AttributeDefinition(description = "Allow TimerHandler update/pause/resume")
    boolean allow_timer_control() default true;
}
