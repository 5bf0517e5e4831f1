package io.armada.monitor.internal;

import java.util.function.Supplier;

import io.armada.core.ApiException;
import io.armada.core.Dialect;
import io.armada.core.ErrorKind;

/**
 * Every monitor error code (originals.md §003.1, {@code common/errcode.py}) beyond the dialect's own 88888/99999:
 * the figure routes' failures (400xx-405xx, answered as internal errors with the seed's text), IP configuration
 * and password refusals (403xx), crontab records (406xx), the node's managed services (407xx, ServerHandler, SPEC
 * §10.1) and -1.
 */
public final class Codes {
    public static final int OTHER_ERROR = -1;
    static final int CPU_FAILED = 40001;
    static final int CPUVT_FAILED = 40002;
    static final int MEMORY_FAILED = 40101;
    static final int DISK_FAILED = 40201;
    static final int DISKIO_FAILED = 40202;
    static final int NETWORK_FAILED = 40301;
    static final int NETWORKIO_FAILED = 40302;
    static final int IP_INFO_PARAM_ERROR = 40303;
    static final int NOT_PHYSICAL_NIC = 40304;
    static final int MAIN_NIC_IP_DEL = 40305;
    static final int IP_CONF_FILE_NOT_FOUND = 40306;
    static final int ADD_IP_FAILED = 40307;
    static final int UPDATE_IP_FAILED = 40308;
    static final int DELETE_IP_FAILED = 40309;
    static final int EXCHANGE_IP_FAILED = 40310;
    static final int IP_CONF_FILE_EXISTS = 40311;
    static final int VERIFY_PASSWORD_ERROR = 40312;
    static final int HARDWARE_FAILED = 40401;
    static final int SERVICE_FAILED = 40501;
    static final int VM_FAILED = 40502;
    static final int CRONTAB_NOT_FOUND = 40601;
    static final int CRONTAB_MULTIPLE = 40602;
    static final int CRONTAB_EXISTS = 40603;
    /** ServerHandler: no service of that app and server is deployed on this node. */
    public static final int SERVER_NOT_FOUND = 40701;
    /** ServerHandler: the package could not be downloaded (address unreachable, not 200, too large). */
    public static final int PACKAGE_DOWNLOAD_FAILED = 40702;
    /** ServerHandler: the downloaded package's md5 is not the one asked for; nothing was unpacked. */
    public static final int PACKAGE_MD5_MISMATCH = 40703;
    /** ServerHandler: the package is not a safe tgz (absolute path, .., link leading outside, device, too large). */
    public static final int PACKAGE_REFUSED = 40704;
    /** ServerHandler: a script is missing, exited with a non-zero status or could not run; data has exit and output. */
    public static final int SCRIPT_FAILED = 40705;
    /** ServerHandler: a script ran past its time limit and was killed; data has the output so far. */
    public static final int SCRIPT_TIMED_OUT = 40706;
    /** ServerHandler rollback: no previous version is kept. */
    public static final int NO_PREVIOUS_VERSION = 40707;
    /** ServerHandler: another call for the same service has held it too long; try again later. */
    public static final int SERVER_BUSY = 40708;
    /** ServerHandler: base_path or a write_config file name leads outside the folders this node allows. */
    public static final int PATH_REFUSED = 40709;
    /** ServerHandler: stop left processes that even SIGKILL did not end (another user's, or a zombie's parent). */
    public static final int PROCESSES_LEFT = 40710;

    private Codes() {
    }

    /** A refusal with one of the codes above (HTTP 200, {@code {"code":N,"msg":...}}). */
    public static ApiException refuse(int code, String message) {
        return ApiException.withCode(ErrorKind.REFUSED, code, message);
    }

    /** A refusal that also carries {@code data} (a script's exit status and output). */
    public static ApiException refuse(int code, String message, Object data) {
        return new ApiException(ErrorKind.REFUSED, code, message, data, null);
    }

    /** An action switched off by configuration: code -1, saying which setting. */
    public static ApiException disabled(String action, String setting) {
        return refuse(OTHER_ERROR, action + " is switched off on this node (" + setting + " = false)");
    }

    /** The seed's text of a figure route's failure code; the dialect's system error text for any other code. */
    static String failureText(int code) {
        return switch (code) {
            case CPU_FAILED -> "获取CPU信息失败";
            case CPUVT_FAILED -> "获取CPU虚拟化信息失败";
            case MEMORY_FAILED -> "获取内存信息失败";
            case DISK_FAILED -> "获取存储信息失败";
            case DISKIO_FAILED -> "获取磁盘IO信息失败";
            case NETWORK_FAILED -> "获取网络信息失败";
            case NETWORKIO_FAILED -> "获取网络IO信息失败";
            case HARDWARE_FAILED -> "获取机器硬件信息失败";
            case SERVICE_FAILED -> "获取系统服务信息失败";
            case VM_FAILED -> "获取虚拟机信息失败";
            default -> Dialect.monitorText(Dialect.MONITOR_SYSTEM_ERROR);
        };
    }

    /** A figure route that could not read the machine: an internal error with the route's own code and text. */
    static ApiException failure(int code, Throwable cause) {
        return new ApiException(ErrorKind.INTERNAL, code, failureText(code), null, cause);
    }

    /** Runs a figure reader; a fault of ours becomes the route's own error code. */
    static <T> T figure(int code, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(code, e);
        }
    }
}
