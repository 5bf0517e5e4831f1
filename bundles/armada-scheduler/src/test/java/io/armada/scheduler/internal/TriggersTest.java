package io.armada.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Date;
import java.util.List;

import org.junit.Test;
import org.quartz.CronTrigger;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

import io.armada.scheduler.JobSpec;
import io.armada.scheduler.Step;

/** times / interval / cron to Quartz triggers: the fire times each gives. */
public class TriggersTest {
    static final long START = 1_800_000_000L;
    static final List<Step> STEPS = List.of(new Step("http", java.util.Map.of("method", "GET", "path", "/x"), null));

    static List<Date> fires(JobSpec spec, int max) {
        Trigger t = Triggers.trigger(7, spec);
        return TriggerUtils.computeFireTimes((OperableTrigger) t, null, max);
    }

    @Test
    public void onceFiresOnceAtStart() {
        List<Date> f = fires(new JobSpec(STEPS, START, 1, 300, null, 0, false, ""), 10);
        assertEquals(List.of(new Date(START * 1000)), f);
        SimpleTrigger t = (SimpleTrigger) Triggers.trigger(7, new JobSpec(STEPS, START, 1, 300, null, 0, false, ""));
        assertEquals(SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW, t.getMisfireInstruction());
        assertEquals("7", t.getJobKey().getName());
    }

    @Test
    public void nTimesFiresNTimesIntervalApart() {
        List<Date> f = fires(new JobSpec(STEPS, START, 3, 60, null, 0, false, ""), 10);
        assertEquals(List.of(new Date(START * 1000), new Date((START + 60) * 1000), new Date((START + 120) * 1000)), f);
    }

    @Test
    public void nullTimesFiresForever() {
        List<Date> f = fires(new JobSpec(STEPS, START, null, 30, null, 0, false, ""), 50);
        assertEquals(50, f.size());
        assertEquals(new Date((START + 49 * 30) * 1000), f.get(49));
        SimpleTrigger t = (SimpleTrigger) Triggers.trigger(7, new JobSpec(STEPS, START, null, 30, null, 0, false, ""));
        assertEquals(SimpleTrigger.REPEAT_INDEFINITELY, t.getRepeatCount());
        assertEquals(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_REMAINING_REPEAT_COUNT,
                t.getMisfireInstruction());
    }

    @Test
    public void cronFiresAtItsTimesFromStart() {
        // START is 2027-01-15T08:00:00Z; every hour at minute 30
        JobSpec spec = new JobSpec(STEPS, START, null, 0, "0 30 * * * ?", 0, false, "");
        List<Date> f = fires(spec, 3);
        assertEquals(3, f.size());
        for (Date d : f) {
            assertTrue(d.getTime() >= START * 1000);
            assertEquals(30 * 60_000L, d.getTime() % 3_600_000L);
        }
        assertEquals(3_600_000L, f.get(1).getTime() - f.get(0).getTime());
        CronTrigger t = (CronTrigger) Triggers.trigger(7, spec);
        assertEquals(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW, t.getMisfireInstruction());
        assertFalse(t.getJobDataMap().containsKey(ArmadaJob.MANUAL));
    }
}
