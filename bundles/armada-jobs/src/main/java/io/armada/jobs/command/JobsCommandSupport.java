package io.armada.jobs.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import io.armada.jobs.JobsService;
import io.armada.jobs.TaskService;

/** What every {@code job:} command shares: the services. */
public abstract class JobsCommandSupport implements Action {

    @Reference
    protected JobsService jobs;

    @Reference
    protected TaskService tasks;
}
