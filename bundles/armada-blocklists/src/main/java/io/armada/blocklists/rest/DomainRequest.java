package io.armada.blocklists.rest;

/** Body of {@code /egg/domain/add} ({@code domain}) and {@code /egg/domain/update} ({@code id}, {@code domain}). */
public class DomainRequest {
    /** The row's id (update). */
    public Long id;
    /** A host name or URL. */
    public String domain;
}
