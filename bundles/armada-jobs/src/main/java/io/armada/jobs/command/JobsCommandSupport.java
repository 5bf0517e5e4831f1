package io.armada.jobs.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import io.armada.jobs.JobsService;

/** What every {@code job:} command shares: the service. */
public abstract class JobsCommandSupport implements Action {

    @Reference
    protected JobsService jobs;
}
