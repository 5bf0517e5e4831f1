package io.armada.monitor.internal.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds test packages: a tgz with names written as given (absolute names and .. included). */
final class Tgz {
    private record Item(String name, byte type, String content, String link, int mode) {
    }

    private final Path file;
    private final List<Item> items = new ArrayList<>();

    private Tgz(Path file) {
        this.file = file;
    }

    static Tgz of(Path file) {
        return new Tgz(file);
    }

    Tgz file(String name, String content, int mode) {
        items.add(new Item(name, TarConstants.LF_NORMAL, content, null, mode));
        return this;
    }

    Tgz dir(String name) {
        items.add(new Item(name, TarConstants.LF_DIR, null, null, 0755));
        return this;
    }

    Tgz symlink(String name, String to) {
        items.add(new Item(name, TarConstants.LF_SYMLINK, null, to, 0777));
        return this;
    }

    Tgz hardlink(String name, String to) {
        items.add(new Item(name, TarConstants.LF_LINK, null, to, 0644));
        return this;
    }

    /** A package with bin/start.sh, bin/stop.sh and bin/command.sh from the given bodies. */
    static Tgz service(Path file, String start, String stop, String command) {
        return of(file).file("bin/start.sh", "#!/bin/sh\n" + start + "\n", 0755)
                .file("bin/stop.sh", "#!/bin/sh\n" + stop + "\n", 0755)
                .file("bin/command.sh", "#!/bin/sh\n" + command + "\n", 0755);
    }

    Path write() throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item i : items) {
                TarArchiveEntry e = new TarArchiveEntry(i.name(), i.type(), true);
                e.setMode(i.mode());
                if (i.link() != null) {
                    e.setLinkName(i.link());
                }
                byte[] bytes = i.content() == null ? new byte[0] : i.content().getBytes(StandardCharsets.UTF_8);
                e.setSize(bytes.length);
                tar.putArchiveEntry(e);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
