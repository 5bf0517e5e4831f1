package io.armada.persistence.testing;

import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.Persistence;
import javax.sql.DataSource;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * Test support for area DAOs, without OSGi: an area's persistence unit on a data source, with the settings the server
 * uses (schema created or extended, never dropped), behind a {@link JpaTemplate} that runs each call as one
 * RESOURCE_LOCAL transaction like Aries JPA does. {@link DerbyJpa} opens one on an embedded Derby database.
 */
public class TestJpa implements JpaTemplate, AutoCloseable {
    private final EntityManagerFactory emf;

    protected TestJpa(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /**
     * Opens the persistence unit {@code unit} on {@code dataSource} (its tables are created or extended at the first
     * entity manager).
     *
     * @param unit the persistence unit name from the area's META-INF/persistence.xml
     * @param dataSource the database
     * @return a template; close it to close the unit
     */
    public static TestJpa open(String unit, DataSource dataSource) {
        return new TestJpa(factory(unit, dataSource));
    }

    /** The unit's factory with the server's settings. */
    protected static EntityManagerFactory factory(String unit, DataSource dataSource) {
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.nonJtaDataSource", dataSource);
        props.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("eclipselink.ddl-generation", "create-or-extend-tables");
        props.put("eclipselink.ddl-generation.output-mode", "database");
        props.put("eclipselink.weaving", "false");
        props.put("eclipselink.logging.level", "WARNING");
        return Persistence.createEntityManagerFactory(unit, props);
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
