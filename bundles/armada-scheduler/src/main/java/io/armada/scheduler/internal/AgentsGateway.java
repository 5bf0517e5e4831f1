package io.armada.scheduler.internal;

/**
 * The {@code agents-task} executor, offered by {@link AgentsBridge} while the agents area runs. Without it the step
 * fails with a message that says so.
 */
interface AgentsGateway extends StepExecutor {
}
