package io.armada.persistence.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.Persistence;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * Test support for area DAOs, without OSGi: the area's own persistence unit on an embedded Derby database in a test
 * folder, with the same settings the server uses (schema created or extended, never dropped), behind a
 * {@link JpaTemplate} that runs each call as one RESOURCE_LOCAL transaction like Aries JPA does.
 */
public final class DerbyJpa implements JpaTemplate, AutoCloseable {
    private final EntityManagerFactory emf;
    private final EmbeddedDataSource dataSource;

    private DerbyJpa(EntityManagerFactory emf, EmbeddedDataSource dataSource) {
        this.emf = emf;
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
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.nonJtaDataSource", ds);
        props.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("eclipselink.ddl-generation", "create-or-extend-tables");
        props.put("eclipselink.ddl-generation.output-mode", "database");
        props.put("eclipselink.weaving", "false");
        props.put("eclipselink.logging.level", "WARNING");
        EntityManagerFactory emf = Persistence.createEntityManagerFactory(unit, props);
        return new DerbyJpa(emf, ds);
    }

    /** The data source, for tests that look at the tables directly. */
    public EmbeddedDataSource dataSource() {
        return dataSource;
    }

    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            R result = code.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    @Override
    public void tx(TransactionType type, EmConsumer code) {
        txExpr(type, em -> {
            code.accept(em);
            return null;
        });
    }

    @Override
    public <R> R txExpr(EmFunction<R> code) {
        return txExpr(TransactionType.Required, code);
    }

    @Override
    public void tx(EmConsumer code) {
        tx(TransactionType.Required, code);
    }

    @Override
    public void close() {
        emf.close();
    }
}
