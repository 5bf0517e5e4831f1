package io.armada.monitor.internal;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;

/** The monitor's error codes (originals.md §003.1, {@code common/errcode.py}) beyond the dialect's own. */
final class Codes {
    static final int OTHER_ERROR = -1;
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
    static final int CRONTAB_NOT_FOUND = 40601;
    static final int CRONTAB_MULTIPLE = 40602;
    static final int CRONTAB_EXISTS = 40603;

    private Codes() {
    }

    /** A refusal with one of the codes above (HTTP 200, {@code {"code":N,"msg":...}}). */
    static ApiException refuse(int code, String message) {
        return ApiException.withCode(ErrorKind.REFUSED, code, message);
    }

    /** An action switched off by configuration: code -1, saying which setting. */
    static ApiException disabled(String action, String setting) {
        return refuse(OTHER_ERROR, action + " is switched off on this node (" + setting + " = false)");
    }
}
