package io.armada.agents.internal.jpa;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.BooleanSupplier;

import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;

/** A fresh agents database under target/ for each test class instance. */
public abstract class DerbyTestSupport {
    protected DerbyJpa jpa;
    protected Path dir;

    protected JpaStore open() throws Exception {
        Path base = Paths.get("target", "derby-tests");
        Files.createDirectories(base);
        dir = Files.createTempDirectory(base, getClass().getSimpleName());
        jpa = DerbyJpa.open("armada-agents", dir);
        return new JpaStore(jpa);
    }

    protected void close() {
        if (jpa != null) {
            jpa.close();
        }
    }

    /** Waits (bounded) for a condition. */
    protected static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        io.armada.core.testing.Await.until(what, java.time.Duration.ofMillis(millis), condition);
    }
}
