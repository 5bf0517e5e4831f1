package io.armada.scheduler.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.FleetClient;
import io.armada.core.Goperation;
import io.armada.persistence.JpaStore;
import io.armada.scheduler.JobPage;
import io.armada.scheduler.JobRun;
import io.armada.scheduler.JobSpec;
import io.armada.scheduler.JobState;
import io.armada.scheduler.ScheduledJob;
import io.armada.scheduler.SchedulerService;
import io.armada.scheduler.internal.jpa.JpaJobDao;

/**
 * Jobs in our tables, fires in Quartz's. A change is checked whole ({@link SchedulerRules}) before anything is
 * stored; the job row is written first and its Quartz job and trigger second (undone when Quartz refuses), so a
 * fire never finds a job that is not stored. Each fire runs the steps ({@link JobRunner}) on a Quartz worker thread
 * and records the run.
 */
@Component(service = SchedulerService.class, configurationPid = "io.armada.scheduler")
@Designate(ocd = SchedulerConfiguration.class)
public class SchedulerServiceImpl implements SchedulerService {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerServiceImpl.class);
    static final String INSTANCE = "armada";

    private final JobDao dao;
    private final QuartzEngine engine;
    private final JobRunner runner;
    private final LongSupplier clock;
    private final long minLeadSeconds;
    private final int runsKept;
    private final StepExecutor http;
    private final RunRecorder recorder;
    private volatile AgentsGateway agents;
    /** How long a fire waits for its run to be committed. */
    static final long RECORD_WAIT_SECONDS = 60;

    @Activate
    public SchedulerServiceImpl(@Reference(target = "(osgi.unit.name=armada-scheduler)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=armada)") DataSource dataSource,
            @Reference FleetClient fleet, SchedulerConfiguration config) {
        this.dao = new JpaJobDao(new JpaStore(jpa));
        this.clock = System::currentTimeMillis;
        this.minLeadSeconds = config.min_lead_seconds();
        this.runsKept = Math.max(1, config.runs_kept());
        HttpStep loopback = new HttpStep(fleet, HttpStep.loopbackBase(),
                Duration.ofSeconds(Math.max(1, config.http_timeout_seconds())));
        this.http = loopback;
        this.runner = new JobRunner(this::executor, clock);
        this.recorder = new RunRecorder(dao, runsKept);
        // an instance serving HTTPS only has no plain port to ask: it fires from its start, as before
        BooleanSupplier serverUp = "false".equals(System.getProperty("armada.http.enabled")) ? () -> true
                : loopback::serverUp;
        this.engine = new QuartzEngine(dataSource, new QuartzEngine.Settings(INSTANCE, Math.max(1, config.threads()),
                true, config.cluster_checkin_ms(), config.misfire_threshold_ms()), this::fire, serverUp);
        engine.startAsync();
    }

    /** For tests: a DAO, an engine factory and executors of their own. */
    SchedulerServiceImpl(JobDao dao, Function<ArmadaJob.Fires, QuartzEngine> engine, StepExecutor http,
            AgentsGateway agents, LongSupplier clock, long minLeadSeconds, int runsKept) {
        this.dao = dao;
        this.clock = clock;
        this.minLeadSeconds = minLeadSeconds;
        this.runsKept = runsKept;
        this.http = http;
        this.agents = agents;
        this.runner = new JobRunner(this::executor, clock);
        this.recorder = new RunRecorder(dao, runsKept);
        this.engine = engine.apply(this::fire);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAgents(AgentsGateway gateway) {
        this.agents = gateway;
    }

    void unsetAgents(AgentsGateway gateway) {
        if (this.agents == gateway) {
            this.agents = null;
        }
    }

    @Deactivate
    void deactivate() {
        engine.close();
        recorder.close();
    }

    QuartzEngine engine() {
        return engine;
    }

    private StepExecutor executor(String name) {
        return switch (name) {
            case SchedulerRules.HTTP -> http;
            case SchedulerRules.AGENTS_TASK -> agents;
            default -> null;
        };
    }

    private long nowSeconds() {
        return clock.getAsLong() / 1000;
    }

    @Override
    public ScheduledJob create(Map<String, Object> body) {
        JobSpec spec = SchedulerRules.spec(body, nowSeconds(), minLeadSeconds);
        Scheduler s = engine.scheduler();
        JobRow row = dao.insert(spec, nowSeconds());
        try {
            s.scheduleJob(Triggers.detail(row.id()), Set.of(Triggers.trigger(row.id(), spec)), true);
        } catch (SchedulerException | RuntimeException e) {
            dao.delete(row.id());
            throw refusedByQuartz(e);
        }
        return view(row, s, false);
    }

    @Override
    public ScheduledJob update(long jobId, Map<String, Object> body) {
        JobSpec spec = SchedulerRules.spec(body, nowSeconds(), minLeadSeconds);
        Scheduler s = engine.scheduler();
        JobRow was = dao.find(jobId).orElseThrow(() -> notFound(jobId));
        JobState state = was.state() == JobState.STOPPED ? JobState.STOPPED : JobState.ACTIVE;
        try {
            s.scheduleJob(Triggers.detail(jobId), Set.of(Triggers.trigger(jobId, spec)), true);
            if (state == JobState.STOPPED) {
                s.pauseJob(Triggers.jobKey(jobId));
            }
        } catch (SchedulerException | RuntimeException e) {
            throw refusedByQuartz(e);
        }
        JobRow row = dao.replace(jobId, spec, state).orElseThrow(() -> notFound(jobId));
        return view(row, s, false);
    }

    @Override
    public Optional<ScheduledJob> job(long jobId) {
        Optional<JobRow> row = dao.find(jobId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(view(row.get(), engine.scheduler(), true));
    }

    @Override
    public JobPage page(int pageNum) {
        int page = Goperation.page(pageNum);
        long total = dao.count();
        Goperation.checkPage(page, total);
        Scheduler s = engine.scheduler();
        List<ScheduledJob> rows = new ArrayList<>();
        for (JobRow r : dao.page(Goperation.offset(page), ROWS_PER_PAGE)) {
            rows.add(view(r, s, false));
        }
        return new JobPage(rows, total, page);
    }

    @Override
    public List<Long> ids(int max) {
        return dao.ids(max);
    }

    @Override
    public ScheduledJob delete(long jobId) {
        Scheduler s = engine.scheduler();
        JobRow row = dao.find(jobId).orElseThrow(() -> notFound(jobId));
        try {
            s.deleteJob(Triggers.jobKey(jobId));
        } catch (SchedulerException e) {
            throw refusedByQuartz(e);
        }
        dao.delete(jobId);
        return new ScheduledJob(row.id(), row.spec(), row.state(), null, row.fired(), row.created(), List.of());
    }

    @Override
    public ScheduledJob stop(long jobId) {
        Scheduler s = engine.scheduler();
        JobRow row = dao.find(jobId).orElseThrow(() -> notFound(jobId));
        if (row.state() == JobState.FINISHED) {
            throw ApiException.badRequest("Scheduler job:" + jobId + " has finished, nothing to stop");
        }
        try {
            s.pauseJob(Triggers.jobKey(jobId));
        } catch (SchedulerException e) {
            throw refusedByQuartz(e);
        }
        return view(dao.setState(jobId, JobState.STOPPED).orElseThrow(() -> notFound(jobId)), s, false);
    }

    @Override
    public ScheduledJob start(long jobId) {
        Scheduler s = engine.scheduler();
        JobRow row = dao.find(jobId).orElseThrow(() -> notFound(jobId));
        if (row.state() == JobState.FINISHED) {
            throw ApiException.badRequest("Scheduler job:" + jobId + " has finished, update it to plan new fires");
        }
        try {
            s.resumeJob(Triggers.jobKey(jobId));
        } catch (SchedulerException e) {
            throw refusedByQuartz(e);
        }
        return view(dao.setState(jobId, JobState.ACTIVE).orElseThrow(() -> notFound(jobId)), s, false);
    }

    @Override
    public ScheduledJob runNow(long jobId) {
        Scheduler s = engine.scheduler();
        JobRow row = dao.find(jobId).orElseThrow(() -> notFound(jobId));
        try {
            JobDataMap manual = new JobDataMap();
            manual.put(ArmadaJob.MANUAL, "true");
            s.triggerJob(Triggers.jobKey(jobId), manual);
        } catch (SchedulerException e) {
            throw refusedByQuartz(e);
        }
        return view(row, s, false);
    }

    /**
     * One fire of a job, on a Quartz worker thread: read the job, run its steps, then record the run and mark a job
     * with no fire left finished in one transaction (two per fire in all, beside Quartz's own; fires that end together
     * share the second, {@link RunRecorder}).
     */
    void fire(long jobId, long scheduledMillis, boolean manual, Long nextFireMillis) {
        long start = clock.getAsLong();
        Optional<JobRow> found = dao.find(jobId);
        if (found.isEmpty()) {
            LOG.debug("Scheduler job {} fired but is no longer stored", jobId);
            return;
        }
        JobSpec spec = found.get().spec();
        JobRunner.Result r = runner.run(spec);
        long end = clock.getAsLong();
        if (!r.success()) {
            LOG.info("Scheduler job {} failed: {}", jobId, r.summary());
        }
        boolean countDone = !manual && spec.cron() != null && spec.times() != null
                && found.get().fired() + 1 >= spec.times();
        Optional<JobRun> run;
        try {
            run = recorder.record(new JobDao.NewRun(jobId, scheduledMillis, start, end, r.success(), r.summary(),
                    r.steps(), !manual && (nextFireMillis == null || countDone))).get(RECORD_WAIT_SECONDS,
                            java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Scheduler job {}: interrupted while its run was recorded", jobId);
            return;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Scheduler job {}: its run was not recorded: {}", jobId, e.toString());
            return;
        }
        if (run.isPresent() && countDone) {
            try {
                engine.scheduler().unscheduleJob(Triggers.triggerKey(jobId));
            } catch (SchedulerException | ApiException e) {
                LOG.warn("Scheduler job {} ran its {} times but its trigger stays: {}", jobId, spec.times(), e.toString());
            }
        }
    }

    private ScheduledJob view(JobRow row, Scheduler s, boolean withRuns) {
        Long next = null;
        try {
            Trigger t = s.getTrigger(Triggers.triggerKey(row.id()));
            if (t != null && t.getNextFireTime() != null && row.state() == JobState.ACTIVE) {
                next = t.getNextFireTime().getTime();
            }
        } catch (SchedulerException e) {
            LOG.debug("No next fire of job {}: {}", row.id(), e.toString());
        }
        List<JobRun> runs = withRuns ? dao.runs(row.id(), runsKept) : List.of();
        return new ScheduledJob(row.id(), row.spec(), row.state(), next, row.fired(), row.created(), runs);
    }

    private static ApiException notFound(long jobId) {
        return ApiException.notFound("Scheduler job:" + jobId + " not found");
    }

    private static ApiException refusedByQuartz(Exception e) {
        if (e instanceof ApiException a) {
            return a;
        }
        return ApiException.unavailable("the scheduler refused the change: " + e.getMessage());
    }
}
