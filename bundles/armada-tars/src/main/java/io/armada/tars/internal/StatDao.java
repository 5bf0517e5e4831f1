package io.armada.tars.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Statistics per 5-minute slot (TARS_STAT, TARS_PROPERTY): sums added in place, read back grouped. */
public interface StatDao {

    /** A call-statistics key and what to add to it. */
    record StatAdd(long slot, String masterName, String slaveName, String interfaceName, String masterIp,
            String slaveIp, long count, long failCount, long timeoutCount, long totalTime) {
    }

    /** A property key and what to add to it. */
    record PropertyAdd(long slot, String masterName, String masterIp, String propertyName, String policy, double sum,
            long count, double max, double min) {
    }

    /** Adds sums to their keys (created when new), in one transaction, keys in one order. */
    void addStats(Collection<StatAdd> adds);

    void addProperties(Collection<PropertyAdd> adds);

    /** Sums over slots in {@code [from, to]}, filtered by field (JPA names), grouped by {@code groupBy}'s field. */
    record StatSum(Object key, long count, long failCount, long timeoutCount, long totalTime) {
    }

    List<StatSum> statSums(long from, long to, Map<String, String> filters, String groupBy);

    record PropertySum(Object key, double sum, long count, double max, double min) {
    }

    List<PropertySum> propertySums(long from, long to, Map<String, String> filters, String groupBy);

    /**
     * Deletes at most {@code limit} call-statistics rows of slots before {@code slot} (oldest first), in one
     * transaction; the number deleted.
     */
    int deleteStatsBefore(long slot, int limit);

    /** The same for property rows. */
    int deletePropertiesBefore(long slot, int limit);
}
