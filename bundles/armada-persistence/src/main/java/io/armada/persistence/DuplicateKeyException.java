package io.armada.persistence;

/**
 * A write was refused by a unique constraint (SQLState 23505 on Derby and PostgreSQL). Nothing of the transaction
 * was kept.
 *
 * @since 1.0
 */
public class DuplicateKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
