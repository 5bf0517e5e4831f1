package io.armada.blocklists.rest;

/**
 * Body of {@code /egg/process/add} ({@code process}, {@code signature}) and {@code /egg/process/update} ({@code id}
 * and at least one of {@code process}, {@code signature}).
 */
public class ProcessRequest {
    /** The row's id (update). */
    public Long id;
    /** The process name. */
    public String process;
    /** The process's signature. */
    public String signature;
}
