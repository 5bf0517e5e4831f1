package io.armada.persistence.testing;

import java.nio.file.Path;

import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * Test support for area DAOs, without OSGi: the area's own persistence unit on an embedded Derby database in a test
 * folder, with the same settings the server uses (schema created or extended, never dropped), behind a
 * {@link org.apache.aries.jpa.template.JpaTemplate} that runs each call as one RESOURCE_LOCAL transaction like Aries
 * JPA does ({@link TestJpa}).
 */
public final class DerbyJpa extends TestJpa {
    private final EmbeddedDataSource dataSource;

    private DerbyJpa(EmbeddedDataSource dataSource, String unit) {
        super(factory(unit, dataSource));
        this.dataSource = dataSource;
    }

    /**
     * Opens (creating if needed) a Derby database in {@code folder} and the persistence unit {@code unit} on it.
     *
     * @param unit the persistence unit name from the area's META-INF/persistence.xml
     * @param folder a folder for the database, e.g. under {@code target/}
     * @return a template; close it to release the database
     */
    public static DerbyJpa open(String unit, Path folder) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(folder.resolve("derby").toAbsolutePath().toString());
        ds.setCreateDatabase("create");
        return new DerbyJpa(ds, unit);
    }

    /** The data source, for tests that look at the tables directly. */
    public EmbeddedDataSource dataSource() {
        return dataSource;
    }
}
