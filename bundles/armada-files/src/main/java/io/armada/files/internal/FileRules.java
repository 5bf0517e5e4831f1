package io.armada.files.internal;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.armada.core.ApiException;
import io.armada.files.FileRecord;
import io.armada.files.FileStatus;
import io.armada.files.NewFile;

/**
 * The schema of a file record (originals.md §000.9): what {@code POST /files} accepts, and the defaults it fills in.
 * Plain rules, without OSGi or a database.
 */
public final class FileRules {
    static final int MAX_ADDRESS = 512;
    static final int MAX_EXT = 12;
    static final int MAX_DOWNLOADER = 12;
    static final int MAX_DESC = 512;
    static final int MAX_ADAPTER_ARGS = 32;
    static final int MAX_ADAPTER_ARG = 256;
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern EXT = Pattern.compile("[0-9A-Za-z_+-]{1,12}");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private FileRules() {
    }

    /** An md5 in lower case, or BAD_REQUEST. */
    public static String md5(String value) {
        if (value == null || !MD5.matcher(value.trim()).matches()) {
            throw ApiException.badRequest("file id (md5) must be 32 hex digits");
        }
        return value.trim().toLowerCase(Locale.ROOT);
    }

    /** A status by name (any case), or BAD_REQUEST. */
    public static FileStatus status(String value) {
        if (value != null) {
            for (FileStatus s : FileStatus.values()) {
                if (s.name().equalsIgnoreCase(value.trim())) {
                    return s;
                }
            }
        }
        throw ApiException.badRequest("json not match error schema: 'status' must be one of FILEOK, UPLOADING, "
                + "TRUNCATED, MISSED");
    }

    /** An extension without leading dots, or {@code null} when {@code value} is blank. */
    public static String ext(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String e = value.trim();
        while (e.startsWith(".")) {
            e = e.substring(1);
        }
        if (!EXT.matcher(e).matches()) {
            throw ApiException.badRequest("json not match error schema: 'ext' must be 1.." + MAX_EXT
                    + " letters, digits, '_', '+' or '-'");
        }
        return e;
    }

    /** The extension of an address or file name: what follows its last '.' in the last path segment; or "". */
    public static String extOf(String address) {
        if (address == null) {
            return "";
        }
        String a = address;
        int q = a.indexOf('?');
        if (q >= 0) {
            a = a.substring(0, q);
        }
        String last = a.substring(a.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        if (dot < 0 || dot == last.length() - 1) {
            return "";
        }
        String e = last.substring(dot + 1);
        return EXT.matcher(e).matches() ? e : "";
    }

    /** The current time as the records write it (UTC). */
    public static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).withNano(0).format(TIME);
    }

    /** Checks a {@code POST /files} body and fills in the defaults; BAD_REQUEST names the first field that fails. */
    public static FileRecord newRecord(NewFile f) {
        if (f == null) {
            throw ApiException.badRequest("json not match error schema: 'address', 'size' and 'md5' are required");
        }
        if (f.md5() == null) {
            throw ApiException.badRequest("json not match error schema: 'md5' is a required property");
        }
        String md5 = md5(f.md5());
        if (f.address() == null || f.address().isBlank()) {
            throw ApiException.badRequest("json not match error schema: 'address' is a required property");
        }
        String address = f.address().trim();
        if (address.length() > MAX_ADDRESS) {
            throw ApiException.badRequest("json not match error schema: 'address' is longer than " + MAX_ADDRESS);
        }
        if (f.size() == null) {
            throw ApiException.badRequest("json not match error schema: 'size' is a required property");
        }
        if (f.size() < 0) {
            throw ApiException.badRequest("json not match error schema: 'size' must be at least 0");
        }
        String downloader = f.downloader() == null || f.downloader().isBlank() ? "http" : f.downloader().trim();
        if (downloader.length() > MAX_DOWNLOADER) {
            throw ApiException.badRequest("json not match error schema: 'downloader' is longer than " + MAX_DOWNLOADER);
        }
        List<String> args = new ArrayList<>();
        if (f.adapterArgs() != null) {
            if (f.adapterArgs().size() > MAX_ADAPTER_ARGS) {
                throw ApiException.badRequest("json not match error schema: 'adapter_args' has more than "
                        + MAX_ADAPTER_ARGS + " items");
            }
            for (String a : f.adapterArgs()) {
                if (a == null || a.length() > MAX_ADAPTER_ARG) {
                    throw ApiException.badRequest("json not match error schema: 'adapter_args' items must be strings of"
                            + " at most " + MAX_ADAPTER_ARG + " characters");
                }
                args.add(a);
            }
        }
        String ext = f.ext() == null ? extOf(address) : ext(f.ext());
        if (ext == null) {
            ext = extOf(address);
        }
        String desc = f.desc() == null ? "" : f.desc();
        if (desc.length() > MAX_DESC) {
            throw ApiException.badRequest("json not match error schema: 'desc' is longer than " + MAX_DESC);
        }
        FileStatus status = f.status() == null ? FileStatus.FILEOK : status(f.status());
        String uploadtime = f.uploadtime() == null ? now() : uploadtime(f.uploadtime());
        return new FileRecord(md5, downloader, List.copyOf(args), address, ext, f.size(), status, uploadtime, desc, false);
    }

    private static String uploadtime(String value) {
        String v = value.trim().replace('T', ' ');
        try {
            return LocalDateTime.parse(v.length() > 19 ? v.substring(0, 19) : v, TIME).format(TIME);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("json not match error schema: 'uploadtime' must be yyyy-MM-dd HH:mm:ss");
        }
    }
}
