package io.armada.blocklists.internal;

import java.util.List;
import java.util.Optional;

import io.armada.blocklists.DomainBlock;
import io.armada.blocklists.ProcessBlock;

/**
 * Where the block lists are kept. Each call is one transaction, committed when it returns; values come validated.
 * A write that would make two rows the same throws {@link io.armada.persistence.DuplicateKeyException} and keeps
 * nothing.
 */
public interface BlocklistDao {

    /** All domain rows by id (read as a projection, not as entities). */
    List<DomainBlock> domains();

    /** The domain row with this id, if any. */
    Optional<DomainBlock> domain(long id);

    /** Inserts a domain row. */
    DomainBlock addDomain(String domain);

    /** Sets the domain of a row; empty when there is no such row. */
    Optional<DomainBlock> updateDomain(long id, String domain);

    /** Deletes a domain row; the row as it was, or empty when there is no such row. */
    Optional<DomainBlock> deleteDomain(long id);

    /** All process rows by id (read as a projection, not as entities). */
    List<ProcessBlock> processes();

    /** The process row with this id, if any. */
    Optional<ProcessBlock> process(long id);

    /** Inserts a process row. */
    ProcessBlock addProcess(String process, String signature);

    /**
     * Sets the process name, the signature or both of a row ({@code null} keeps the value); empty when there is no
     * such row.
     */
    Optional<ProcessBlock> updateProcess(long id, String process, String signature);

    /** Deletes a process row; the row as it was, or empty when there is no such row. */
    Optional<ProcessBlock> deleteProcess(long id);
}
