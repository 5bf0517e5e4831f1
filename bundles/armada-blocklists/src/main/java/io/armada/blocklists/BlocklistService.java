package io.armada.blocklists;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The domain and process block lists (seed 004, SPEC §9). Every change is committed before the method returns and
 * then counted once on the list's change counter ({@code counter_for_domain}, {@code counter_for_process}) when the
 * counters are installed. A refused change changes nothing and counts nothing.
 *
 * <p>Refusals are {@link io.armada.core.ApiException}s: {@code BAD_REQUEST} for an empty, over-long or malformed
 * value, {@code NOT_FOUND} for an unknown id, {@code REFUSED} for a duplicate.
 *
 * <p>Duplicates: two domains are the same when they are equal ignoring case; two process rows are the same when both
 * the process name and the signature are equal ignoring case. The database enforces this.
 *
 * @since 1.0
 */
@ProviderType
public interface BlocklistService {
    /** Longest domain (host name or URL), in characters. */
    int MAX_DOMAIN = 253;
    /** Longest process name, in characters. */
    int MAX_PROCESS = 255;
    /** Longest process signature, in characters. */
    int MAX_SIGNATURE = 1024;

    /**
     * Every domain row, by id.
     *
     * @return all rows; empty when none
     * @since 1.0
     */
    List<DomainBlock> domains();

    /**
     * One domain row.
     *
     * @param id the row's id
     * @return the row
     * @throws io.armada.core.ApiException NOT_FOUND for an unknown id
     * @since 1.0
     */
    DomainBlock domain(long id);

    /**
     * Adds a domain.
     *
     * @param domain a host name (optionally {@code *.}-prefixed) or a URL, at most {@link #MAX_DOMAIN} characters;
     *        surrounding blanks are ignored
     * @return the new row
     * @throws io.armada.core.ApiException BAD_REQUEST for an empty, over-long or malformed domain, REFUSED when it
     *         is already in the list
     * @since 1.0
     */
    DomainBlock addDomain(String domain);

    /**
     * Replaces the domain of a row.
     *
     * @param id the row's id
     * @param domain the new value, as for {@link #addDomain}
     * @return the row as it is now
     * @throws io.armada.core.ApiException NOT_FOUND for an unknown id, BAD_REQUEST for a bad domain, REFUSED when
     *         another row has it
     * @since 1.0
     */
    DomainBlock updateDomain(long id, String domain);

    /**
     * Removes a domain row.
     *
     * @param id the row's id
     * @return the row that was removed
     * @throws io.armada.core.ApiException NOT_FOUND for an unknown id
     * @since 1.0
     */
    DomainBlock deleteDomain(long id);

    /**
     * Every process row, by id.
     *
     * @return all rows; empty when none
     * @since 1.0
     */
    List<ProcessBlock> processes();

    /**
     * One process row.
     *
     * @param id the row's id
     * @return the row
     * @throws io.armada.core.ApiException NOT_FOUND for an unknown id
     * @since 1.0
     */
    ProcessBlock process(long id);

    /**
     * Adds a process.
     *
     * @param process the process name, at most {@link #MAX_PROCESS} characters, no control characters
     * @param signature its signature, at most {@link #MAX_SIGNATURE} characters, no control characters
     * @return the new row
     * @throws io.armada.core.ApiException BAD_REQUEST for an empty or over-long value, REFUSED when the pair is
     *         already in the list
     * @since 1.0
     */
    ProcessBlock addProcess(String process, String signature);

    /**
     * Changes the process name, the signature, or both, of a row.
     *
     * @param id the row's id
     * @param process the new name, or {@code null} to keep it
     * @param signature the new signature, or {@code null} to keep it
     * @return the row as it is now
     * @throws io.armada.core.ApiException BAD_REQUEST when both are {@code null} or one is empty or over-long,
     *         NOT_FOUND for an unknown id, REFUSED when another row has the resulting pair
     * @since 1.0
     */
    ProcessBlock updateProcess(long id, String process, String signature);

    /**
     * Removes a process row.
     *
     * @param id the row's id
     * @return the row that was removed
     * @throws io.armada.core.ApiException NOT_FOUND for an unknown id
     * @since 1.0
     */
    ProcessBlock deleteProcess(long id);
}
