package io.armada.tars.internal;

import java.time.Clock;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Threads;
import io.armada.core.Timers;
import io.armada.persistence.JpaStore;
import io.armada.tars.internal.jpa.JpaStatDao;

/**
 * Ages the service statistics: every {@value #PERIOD_MINUTES} minutes (the first time a minute after the start) the
 * 5-minute slots older than {@code stat.retention.days} (default {@value #DEFAULT_DAYS}; 0 keeps them for ever) are
 * deleted, oldest first, in transactions of {@value #CHUNK} rows and at most {@value #MAX_CHUNKS} of them per table
 * and sweep, so a sweep never holds the tables long; what is left goes at the next sweep. The shared timer starts a
 * sweep on a thread of this component's own, which ends 1 s after the sweep (a sweep may take seconds, too long for
 * the shared timer thread).
 */
@Component(immediate = true, configurationPid = "io.armada.tars")
@Designate(ocd = TarsConfiguration.class)
public class StatRetention {
    private static final Logger LOG = LoggerFactory.getLogger(StatRetention.class);
    static final int DEFAULT_DAYS = 31;
    static final int CHUNK = 1000;
    static final int MAX_CHUNKS = 100;
    static final long PERIOD_MINUTES = 60;

    private final StatDao dao;
    private final Clock clock;
    private final int days;
    private final Timers.Scheduled timer;
    private final ThreadPoolExecutor sweeper;

    @Activate
    public StatRetention(@Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa,
            TarsConfiguration config, @Reference Timers timers) {
        this(new JpaStatDao(new JpaStore(jpa)), Clock.systemUTC(), config.stat_retention_days(), timers);
    }

    /** For tests: {@code timers} {@code null} schedules nothing ({@link #sweep()} is called by the test). */
    StatRetention(StatDao dao, Clock clock, int days, Timers timers) {
        this.dao = dao;
        this.clock = clock;
        this.days = Math.max(0, days);
        if (timers != null && this.days > 0) {
            sweeper = Threads.onDemand(1, 1, Threads.daemon("armada-tars-stat-retention"));
            timer = timers.every("the tars statistics retention", () -> sweeper.execute(this::safeSweep), 1,
                    PERIOD_MINUTES, TimeUnit.MINUTES);
        } else {
            sweeper = null;
            timer = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (timer != null) {
            timer.cancel();
            sweeper.shutdown(); // a sweep under way ends its chunk undisturbed (no interrupt inside the database)
        }
    }

    private void safeSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("Could not delete the old tars statistics: {}", e.toString());
        }
    }

    /** The first slot kept: slots before it are older than the retention. */
    long cutoff() {
        return StatServiceImpl.slot(clock.instant().getEpochSecond() - days * 86_400L);
    }

    /** One sweep: the rows deleted (0 when the retention is off). */
    int sweep() {
        if (days == 0) {
            return 0;
        }
        long cut = cutoff();
        int stats = chunks(() -> dao.deleteStatsBefore(cut, CHUNK));
        int properties = chunks(() -> dao.deletePropertiesBefore(cut, CHUNK));
        if (stats + properties > 0) {
            LOG.info("Deleted {} call-statistics and {} property rows older than {} days", stats, properties, days);
        }
        return stats + properties;
    }

    private static int chunks(java.util.function.IntSupplier chunk) {
        int total = 0;
        for (int i = 0; i < MAX_CHUNKS; i++) {
            int n = chunk.getAsInt();
            total += n;
            if (n < CHUNK) {
                break;
            }
        }
        return total;
    }
}
