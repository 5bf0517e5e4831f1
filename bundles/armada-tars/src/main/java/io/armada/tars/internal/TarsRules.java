package io.armada.tars.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.armada.core.ApiException;
import io.armada.core.Params;

/**
 * TarsWeb's rules for names, nodes, adapters and endpoints, checked before anything is written. Every refusal is a
 * BAD_REQUEST that names the field (the tars dialect answers it as {@code ret_code 500}).
 */
public final class TarsRules {
    /** TarsWeb's server types ({@code server_type_list}). */
    public static final List<String> SERVER_TYPES = List.of("tars_cpp", "tars_java", "tars_nodejs", "tars_php",
            "tars_go");
    static final Set<String> PORT_TYPES = Set.of("tcp", "udp", "ssl");
    static final Set<String> PROTOCOLS = Set.of("tars", "not_tars");
    static final String INACTIVE = "inactive";
    static final String ACTIVE = "active";
    static final int DEFAULT_THREADS = 1;
    static final int DEFAULT_MAX_CONNECTIONS = 1000;
    static final int DEFAULT_ASYNC_THREADS = 3;
    static final int ENDPOINT_TIMEOUT_MS = 60000;
    static final int MAX_ADAPTERS = 100;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern SET_PART = Pattern.compile("[A-Za-z0-9]{1,15}");
    private static final Pattern SET_GROUP = Pattern.compile("[0-9]{1,15}|\\*");
    private static final Pattern OBJ = Pattern.compile("[A-Za-z0-9_]{1,128}");
    /** {@code <proto> -x value -y value ...}: single-letter flags each with one value. */
    private static final Pattern ENDPOINT = Pattern.compile("(tcp|udp|ssl)((?:\\s+-[a-z]\\s+\\S+)+)\\s*");
    private static final Pattern FLAG = Pattern.compile("-([a-z])\\s+(\\S+)");

    private TarsRules() {
    }

    /** An application or server name: letters, digits, {@code _} and {@code -} (no dot: tree ids use dots). */
    public static String name(String value, String field) {
        String v = Params.text(value, field, 128);
        if (!NAME.matcher(v).matches()) {
            throw ApiException.badRequest(field + " may hold letters, digits, _ and - only");
        }
        return v;
    }

    /** A node: the IP an Armada node reports from. */
    public static String node(String value, String field) {
        String v = Params.text(value, field, 64);
        if (!Params.isIpLiteral(v)) {
            throw ApiException.badRequest(field + " must be a node's IP address");
        }
        return v;
    }

    static String serverType(String value) {
        if (value == null || value.isBlank()) {
            return SERVER_TYPES.get(0);
        }
        if (!SERVER_TYPES.contains(value.trim())) {
            throw ApiException.badRequest("server_type must be one of " + SERVER_TYPES);
        }
        return value.trim();
    }

    static String setName(String value) {
        return setPart(value, "set_name", SET_PART);
    }

    static String setArea(String value) {
        return setPart(value, "set_area", SET_PART);
    }

    static String setGroup(String value) {
        return setPart(value, "set_group", SET_GROUP);
    }

    private static String setPart(String value, String field, Pattern p) {
        String v = Params.text(value, field, 15);
        if (!p.matcher(v).matches()) {
            throw ApiException.badRequest(field + " is not a valid set " + field.substring(4)
                    + (p == SET_GROUP ? " (a number)" : " (letters and digits)"));
        }
        return v;
    }

    static String objName(String value) {
        String v = Params.text(value, "obj_name", 128);
        if (!OBJ.matcher(v).matches()) {
            throw ApiException.badRequest("obj_name may hold letters, digits and _ only");
        }
        return v;
    }

    static int port(Integer value, String field) {
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        if (value < 1 || value > 65535) {
            throw ApiException.badRequest(field + " must be a port number (1-65535)");
        }
        return value;
    }

    static String portType(String value) {
        if (value == null || value.isBlank()) {
            return "tcp";
        }
        if (!PORT_TYPES.contains(value.trim())) {
            throw ApiException.badRequest("port_type must be tcp, udp or ssl");
        }
        return value.trim();
    }

    static String protocol(String value) {
        if (value == null || value.isBlank()) {
            return "tars";
        }
        if (!PROTOCOLS.contains(value.trim())) {
            throw ApiException.badRequest("protocol must be tars or not_tars");
        }
        return value.trim();
    }

    static int atLeast(Integer value, int min, int fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            throw ApiException.badRequest(field + " must be at least " + min);
        }
        return value;
    }

    static Integer optionalAtLeast(Integer value, int min, String field) {
        if (value != null && value < min) {
            throw ApiException.badRequest(field + " must be at least " + min);
        }
        return value;
    }

    /** TarsWeb's endpoint of a deployed adapter. */
    static String endpoint(String portType, String bindIp, int port, int auth) {
        return portType + " -h " + bindIp + " -t " + ENDPOINT_TIMEOUT_MS + " -p " + port + " -e " + auth;
    }

    /**
     * Checks an endpoint given as text: a port type, then single-letter flags with one value each, among them
     * {@code -h <ip>} and {@code -p <port>}; {@code -t} a number, {@code -e} 0 or 1.
     *
     * @return the endpoint, trimmed
     */
    static String endpoint(String value) {
        String v = Params.text(value, "endpoint", 256);
        Matcher m = ENDPOINT.matcher(v);
        if (!m.matches()) {
            throw ApiException.badRequest("endpoint must look like 'tcp -h <ip> -t 60000 -p <port> -e 0'");
        }
        String host = null;
        Integer port = null;
        Matcher f = FLAG.matcher(m.group(2));
        while (f.find()) {
            String flag = f.group(1);
            String arg = f.group(2);
            switch (flag) {
                case "h" -> host = arg;
                case "p" -> port = number(arg, "endpoint -p");
                case "t" -> number(arg, "endpoint -t");
                case "e" -> {
                    if (!arg.equals("0") && !arg.equals("1")) {
                        throw ApiException.badRequest("endpoint -e must be 0 or 1");
                    }
                }
                default -> {
                    // other TARS endpoint flags (-g, -q, -w, -v ...) are kept as they are
                }
            }
        }
        if (host == null || !(Params.isIpLiteral(host) || host.equals("0.0.0.0") || host.equals("localhost"))) {
            throw ApiException.badRequest("endpoint needs -h with an IP address");
        }
        port(port, "endpoint -p");
        return v;
    }

    /** The {@code -p} of a checked endpoint (TarsWeb's {@code /-p *(\d+)( |$)/}), {@code null} when it has none. */
    public static Integer endpointPort(String endpoint) {
        Matcher m = Pattern.compile("-p *(\\d+)( |$)").matcher(endpoint);
        if (!m.find()) {
            return null;
        }
        try {
            return Integer.valueOf(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int number(String text, String field) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field + " must be a number");
        }
    }

    /** {@code app.server.obj}, of the adapter's own application and server. */
    static String servant(String value, String application, String serverName) {
        String v = Params.text(value, "servant", 400);
        String prefix = application + "." + serverName + ".";
        if (!v.startsWith(prefix) || !OBJ.matcher(v.substring(prefix.length())).matches()) {
            throw ApiException.badRequest("servant must be " + prefix + "<obj name>");
        }
        return v;
    }

    /** Optional text: {@code null} is empty, otherwise trimmed and at most {@code max} characters. */
    static String optional(String value, String field, int max) {
        if (value == null) {
            return "";
        }
        String v = value.trim();
        if (v.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters");
        }
        return v;
    }

    /** 1-based page and page size: both positive, or both 0 for every row. */
    static void page(int page, int size) {
        if (page < 0 || size < 0) {
            throw ApiException.badRequest("curr_page and page_size must not be negative");
        }
        if (size > 1000) {
            throw ApiException.badRequest("page_size must be at most 1000");
        }
    }
}
