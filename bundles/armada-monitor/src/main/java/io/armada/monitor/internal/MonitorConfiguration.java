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

    @AttributeDefinition(description = "The address this node reports as its own (an IPv4 or IPv6 literal), where the"
            + " server calls it; empty: the first address of the first physical network card. Set it on a machine with"
            + " several cards, behind NAT, or for several nodes on one machine (127.0.0.2, 127.0.0.3, ...)")
    String report_ip() default "";

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

    // ---- ServerHandler: the node's managed services (SPEC §10.1) ----

    @AttributeDefinition(description = "Folders (besides ${armada.data}/servers) under which a deploy's base_path may"
            + " put a service; empty: base_path is refused. Never /.")
    String[] servers_base_roots() default {};

    @AttributeDefinition(description = "User the service scripts run as (through runuser -u); blank: the node's own")
    String servers_user() default "";

    @AttributeDefinition(description = "Program that starts a script in a session of its own (util-linux setsid)")
    String servers_setsid() default "setsid";

    @AttributeDefinition(description = "Seconds a start, stop or command script may run before it is killed")
    int servers_script_timeout_seconds() default 60;

    @AttributeDefinition(description = "Seconds between SIGTERM and SIGKILL to what a service's stop script left")
    int servers_stop_grace_seconds() default 10;

    @AttributeDefinition(description = "Largest package: downloaded bytes, and bytes it unpacks to (MiB)")
    int servers_package_max_mb() default 1024;

    @AttributeDefinition(description = "Most entries (files, folders, links) in a package")
    int servers_package_max_entries() default 100000;

    @AttributeDefinition(description = "Seconds a package download may take")
    int servers_download_timeout_seconds() default 600;

    @AttributeDefinition(description = "Most services this node manages (each adds about 120 bytes to the resource"
            + " report, which the server takes up to 64 KiB)")
    int servers_max() default 256;

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

    @AttributeDefinition(description = "Allow ServerHandler deploy, patch, rollback and undeploy (status is always allowed)")
    boolean allow_server_deploy() default true;

    @AttributeDefinition(description = "Allow ServerHandler start, stop and restart")
    boolean allow_server_control() default true;

    @AttributeDefinition(description = "Allow ServerHandler command (the package's bin/command.sh)")
    boolean allow_server_command() default true;

    @AttributeDefinition(description = "Allow ServerHandler write_config (inside the service's folder only)")
    boolean allow_server_config() default true;
}
