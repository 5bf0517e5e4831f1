package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import javax.ws.rs.NotFoundException;

import org.junit.Test;

import com.fasterxml.jackson.core.JsonParseException;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;

public class ApiExceptionMapperTest {

    /** Stands in for Jetty's exception, which core only knows by name. */
    static final class EofException extends IOException {
        EofException() {
            super("Closed");
        }
    }

    @Test
    public void aClientThatClosedTheConnectionIsNotAFaultOfOurs() {
        assertTrue(ApiExceptionMapper.clientWentAway(new IOException("Broken pipe")));
        assertTrue(ApiExceptionMapper.clientWentAway(new RuntimeException(new IOException("Connection reset by peer"))));
        assertFalse(ApiExceptionMapper.clientWentAway(new IOException("disk full")));
        assertFalse(ApiExceptionMapper.clientWentAway(new IllegalStateException("bug")));
        // only Jetty's own class counts, not one that merely shares its simple name
        assertFalse(ApiExceptionMapper.clientWentAway(new EofException()));
    }

    /** A lock time-out that outlasted the store's tries was answered as our fault (500) under bench/tars.sh. */
    @Test
    public void aDatabaseThatStaysBusyIsUnavailableNotAFault() {
        RuntimeException timeout = new RuntimeException("tx failed",
                new java.sql.SQLTransactionRollbackException("A lock could not be obtained", "40XL1"));
        assertEquals(ErrorKind.UNAVAILABLE, ApiExceptionMapper.classify(timeout).kind());
        assertEquals(ErrorKind.UNAVAILABLE, ApiExceptionMapper.classify(
                new java.sql.SQLException("deadlock detected", "40P01")).kind());
        assertEquals(ErrorKind.INTERNAL, ApiExceptionMapper.classify(
                new RuntimeException(new java.sql.SQLException("syntax", "42X01"))).kind());
    }

    @Test
    public void throwablesAreClassifiedByWhatTheyStandFor() {
        assertEquals(ErrorKind.BAD_REQUEST,
                ApiExceptionMapper.classify(new RuntimeException(new JsonParseException(null, "bad"))).kind());
        assertEquals(ErrorKind.NOT_FOUND, ApiExceptionMapper.classify(new NotFoundException()).kind());
        // a typed query parameter that does not convert: JAX-RS's 404 with the conversion failure inside (L6)
        assertEquals(ErrorKind.BAD_REQUEST, ApiExceptionMapper.classify(
                new NotFoundException(new NumberFormatException("For input string: \"abc\""))).kind());
        assertEquals(ErrorKind.INTERNAL, ApiExceptionMapper.classify(new IllegalStateException()).kind());
        ApiException own = new ApiException(ErrorKind.UNAVAILABLE, "down");
        assertEquals(own, ApiExceptionMapper.classify(new RuntimeException(own)));
    }
}
