package io.armada.blocklists;

/**
 * One row of the domain block list: {@code {"id": 7, "domain": "ads.example.com"}} on the wire.
 *
 * @param id the row's id, assigned by the server
 * @param domain a host name or URL, as it was given (trimmed)
 * @since 1.0
 */
public record DomainBlock(long id, String domain) {
}
