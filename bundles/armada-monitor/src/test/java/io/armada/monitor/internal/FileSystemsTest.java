package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Which mounts count as real file systems, and the rotational flag. */
public class FileSystemsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void realFileSystemsArePsutilsNonNodevOnes() throws IOException {
        Path root = tmp.getRoot().toPath();
        Path mounts = root.resolve("mounts");
        Path filesystems = root.resolve("filesystems");
        Files.writeString(filesystems, "nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\toverlay\nnodev\tcgroup2\n"
                + "\text4\n\txfs\n\tsquashfs\n\tvfat\nnodev\tzfs\n");
        Files.writeString(mounts, String.join("\n",
                "proc /proc proc rw 0 0",
                "sysfs /sys sysfs rw 0 0",
                "overlay / overlay rw 0 0",
                "/dev/sda2 / ext4 rw 0 0",
                "tmpfs /run tmpfs rw 0 0",
                "/dev/sda1 /boot xfs rw 0 0",
                "/dev/loop3 /snap/core/1 squashfs ro 0 0",
                "/dev/sdb1 /mnt/my\\040data vfat rw 0 0",
                "tank/data /tank/data zfs rw 0 0",
                "cgroup2 /sys/fs/cgroup cgroup2 rw 0 0", ""));
        List<FileSystems.Mount> real = new FileSystems(mounts, filesystems, root).realMounts();
        assertEquals(List.of("/", "/boot", "/mnt/my data", "/tank/data"),
                real.stream().map(FileSystems.Mount::mountPoint).toList());
        assertEquals("/dev/sda2", real.get(0).device());
    }

    @Test
    public void thisMachineHasARootFileSystemWithSizes() {
        FileSystems fs = FileSystems.system();
        List<FileSystems.Mount> real = fs.realMounts();
        assertTrue(real.toString(), real.stream().anyMatch(m -> m.mountPoint().equals("/")));
        FileSystems.Usage u = FileSystems.usage("/");
        assertTrue(u.total() > 0 && u.used() >= 0 && u.free() >= 0 && u.used() <= u.total());
        assertTrue(u.utilization() >= 0 && u.utilization() <= 100);
    }

    @Test
    public void rotationalFollowsTheDiskOfAPartition() throws IOException {
        Path sys = tmp.newFolder("block").toPath();
        Path disk = Files.createDirectories(sys.resolve("real/nvme0n1"));
        Files.createDirectories(disk.resolve("queue"));
        Files.writeString(disk.resolve("queue/rotational"), "0\n");
        Path part = Files.createDirectories(disk.resolve("nvme0n1p1"));
        Files.writeString(part.resolve("partition"), "1\n");
        Files.createSymbolicLink(sys.resolve("nvme0n1p1"), part);
        Files.createSymbolicLink(sys.resolve("nvme0n1"), disk);
        Path hdd = Files.createDirectories(sys.resolve("sda/queue"));
        Files.writeString(hdd.resolve("rotational"), "1\n");
        FileSystems fs = new FileSystems(sys, sys, sys);
        assertEquals(0, fs.rotational("/dev/nvme0n1p1"));
        assertEquals(0, fs.rotational("/dev/nvme0n1"));
        assertEquals(1, fs.rotational("/dev/sda"));
        assertEquals(1, fs.rotational("/dev/unknown"));
        assertEquals(1, fs.rotational("tank/data"));
    }

    @Test
    public void usageFollowsPsutil() {
        FileSystems.Usage u = new FileSystems.Usage(1000, 600, 300);
        assertEquals(66.7, u.utilization(), 0.0001);
        assertEquals("66.67", Statis.format(u.rate()));
        assertEquals("a b\\c", FileSystems.decode("a\\040b\\134c"));
    }
}
