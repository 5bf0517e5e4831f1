package io.armada.scheduler.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;

/**
 * Owns this server's Quartz scheduler: JobStoreTX on the server's own data source (a connection provider of ours,
 * no c3p0), clustered (several servers on one database fire each trigger once), Quartz's tables created if missing,
 * our {@link BundleClassLoadHelper} and a job factory that hands out {@link ArmadaJob}s bound to the service.
 *
 * <p>Starting takes a few queries and Quartz's cluster check-in, so it runs on a thread of its own, never on the
 * activation thread; calls that need the scheduler wait a bounded time for it and are otherwise answered 503. Quartz
 * fires only once the server is up (see {@link #awaitServerUp()}); jobs can be stored before.
 * {@link #close()} shuts it down without waiting for running fires: firing stops, the jobs stay stored.
 */
final class QuartzEngine {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzEngine.class);
    /** How long a request waits for a scheduler that is still starting. */
    static final long READY_WAIT_MS = 30_000;

    /** What the engine is given. */
    record Settings(String instanceName, int threads, boolean clustered, long clusterCheckinMs, long misfireThresholdMs) {
    }

    /** How long firing waits for the server to answer {@code /health} UP before it starts anyway. */
    static final long SERVER_UP_WAIT_MS = 120_000;
    private static final long SERVER_UP_POLL_MS = 250;
    /** How long {@link #close()} waits for the scheduler thread to let go of the triggers it acquired. */
    private static final long RELEASE_WAIT_MS = 5_000;

    private final DataSource dataSource;
    private final Settings settings;
    private final ArmadaJob.Fires fires;
    private final BooleanSupplier serverUp;
    private final CompletableFuture<Scheduler> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> firing = new CompletableFuture<>();
    private boolean closed;

    /**
     * @param serverUp whether this server is up ({@code /health} UP), asked until it is before the scheduler fires:
     *        a fire missed while the server was down runs at its start, and its steps call the server's routes
     */
    QuartzEngine(DataSource dataSource, Settings settings, ArmadaJob.Fires fires, BooleanSupplier serverUp) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.fires = fires;
        this.serverUp = serverUp;
    }

    /** Starts Quartz on a thread of its own. */
    void startAsync() {
        Thread t = new Thread(this::start, "armada-scheduler-start");
        t.setDaemon(true);
        t.start();
    }

    /** Starts Quartz on the calling thread (tests, and {@link #startAsync()}). */
    void start() {
        try {
            QuartzTables.Kind kind = QuartzTables.ensure(dataSource);
            // clustered only where another server can share the store: alone on embedded Derby, the cluster manager
            // thread and its check-ins protect nothing (issue 17's thread count)
            Settings settings = this.settings.clustered() && QuartzTables.embedded(dataSource)
                    ? new Settings(this.settings.instanceName(), this.settings.threads(), false,
                            this.settings.clusterCheckinMs(), this.settings.misfireThresholdMs())
                    : this.settings;
            String dsName = settings.instanceName() + "-ds";
            DBConnectionManager.getInstance().addConnectionProvider(dsName, new Provider(dataSource));
            StdSchedulerFactory factory = new StdSchedulerFactory(properties(settings, dsName, kind.delegate));
            Scheduler s;
            Thread current = Thread.currentThread();
            ClassLoader before = current.getContextClassLoader();
            // StdSchedulerFactory loads the class names of its properties through the context class loader first
            current.setContextClassLoader(QuartzEngine.class.getClassLoader());
            try {
                s = factory.getScheduler();
            } finally {
                current.setContextClassLoader(before);
            }
            s.setJobFactory((bundle, scheduler) -> new ArmadaJob(fires));
            synchronized (this) {
                if (closed) {
                    s.shutdown(false);
                    ready.completeExceptionally(new IllegalStateException("closed while starting"));
                    return;
                }
            }
            // jobs can be stored, listed and changed from here on; Quartz fires nothing while in standby
            ready.complete(s);
            awaitServerUp();
            synchronized (this) {
                if (closed) {
                    return;
                }
                s.start();
            }
            firing.complete(null);
            LOG.info("Scheduler started: Quartz {} ({}, {} threads, clustered {})", s.getMetaData().getVersion(),
                    kind, settings.threads(), settings.clustered());
        } catch (SchedulerException | SQLException | java.io.IOException | RuntimeException e) {
            LOG.error("The scheduler did not start: {}", e.toString(), e);
            ready.completeExceptionally(e);
            firing.completeExceptionally(e);
        }
    }

    /**
     * Waits until the server is up, at most {@link #SERVER_UP_WAIT_MS}: the fires missed while it was down are due
     * at once, and a step that called a route of a server still starting failed (503 STARTING, or 404 before its
     * area). After the bound the scheduler fires anyway, with a warning.
     */
    private void awaitServerUp() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVER_UP_WAIT_MS);
        while (!serverUp.getAsBoolean()) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            if (System.nanoTime() - end > 0) {
                LOG.warn("This server did not answer /health UP within {} s; the scheduler fires anyway",
                        SERVER_UP_WAIT_MS / 1000);
                return;
            }
            try {
                Thread.sleep(SERVER_UP_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Completes once Quartz fires (the server was up, or the wait for it ended). */
    CompletableFuture<Void> firing() {
        return firing;
    }

    /** Quartz's settings for this engine. */
    static Properties properties(Settings settings, String dsName, String delegate) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", settings.instanceName());
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.instanceIdGenerator.class",
                org.quartz.simpl.SimpleInstanceIdGenerator.class.getName());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.jmx.export", "false");
        p.setProperty("org.quartz.scheduler.classLoadHelper.class", BundleClassLoadHelper.class.getName());
        // workers on demand (none while idle), at most threads at once: SimpleThreadPool kept all of them from the start
        p.setProperty("org.quartz.threadPool.class", OnDemandThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "armada-scheduler");
        p.setProperty("org.quartz.scheduler.threadName", schedulerThreadName(settings.instanceName()));
        // up to one trigger per worker acquired and fired per job-store transaction (Quartz's default is one): with
        // the JDBC store each of those is a row lock and a commit, which set the pace of a burst of due jobs. The
        // batch needs the acquisition inside the lock (Quartz's docs).
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(settings.threads()));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.class", ArmadaJobStore.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate);
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(settings.clustered()));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(settings.clusterCheckinMs()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(settings.misfireThresholdMs()));
        return p;
    }

    /**
     * The running scheduler.
     *
     * @throws ApiException UNAVAILABLE while it is starting (after a bounded wait), when it failed to start, or
     *         after {@link #close()}
     */
    Scheduler scheduler() {
        try {
            Scheduler s = ready.get(READY_WAIT_MS, TimeUnit.MILLISECONDS);
            if (s.isShutdown()) {
                throw ApiException.unavailable("the scheduler is stopped");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the scheduler is starting, try again later");
        } catch (TimeoutException e) {
            throw ApiException.unavailable("the scheduler is starting, try again later");
        } catch (ExecutionException e) {
            throw ApiException.unavailable("the scheduler did not start: " + e.getCause().getMessage());
        } catch (SchedulerException e) {
            throw ApiException.unavailable("the scheduler failed: " + e.getMessage());
        }
    }

    /** Stops firing (running fires finish on their own); the jobs stay stored. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        Scheduler s = ready.getNow(null);
        if (s != null) {
            try {
                releaseHeldTriggers(s);
                s.shutdown(false);
            } catch (SchedulerException e) {
                LOG.warn("Quartz did not shut down cleanly: {}", e.toString());
            }
        }
    }

    /**
     * Standby, until the scheduler thread has released (or fired) the triggers it held, at most
     * {@link #RELEASE_WAIT_MS}: see {@link ArmadaJobStore}. Standby is asked again while it waits, because a signal
     * that came just before the thread acquired is not seen.
     */
    private void releaseHeldTriggers(Scheduler s) throws SchedulerException {
        ArmadaJobStore store = ArmadaJobStore.of(s.getSchedulerName());
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RELEASE_WAIT_MS);
        do {
            s.standby();
            if (store == null || !store.holds()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (System.nanoTime() - end < 0);
        LOG.warn("Quartz's scheduler thread still held triggers {} ms after the standby", RELEASE_WAIT_MS);
    }

    /** The name of the thread that acquires and fires the triggers of the scheduler named {@code instanceName}. */
    static String schedulerThreadName(String instanceName) {
        return instanceName + "_QuartzSchedulerThread";
    }

    /** Connections of the server's data source, for Quartz's job store. */
    private record Provider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the data source belongs to the server
        }

        @Override
        public void initialize() {
            // nothing to prepare
        }
    }
}
