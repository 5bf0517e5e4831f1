package io.armada.jobs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;

/** JOBX's uuid and role rules (reference §001.2, §001.5). */
public class TaskUuidsTest {

    @Test
    public void aNewUuidIsTwelveLettersAndDigitsEndingLowerCaseSoItIsADeploy() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String u = TaskUuids.create();
            assertTrue(u, u.matches("[A-Za-z0-9]{11}[a-z]"));
            assertEquals(TaskUuids.DEPLOY, TaskUuids.role(u));
            seen.add(u);
        }
        assertEquals(2000, seen.size());
    }

    @Test
    public void theLastCharacterTellsTheRole() {
        assertEquals(TaskUuids.DEPLOY, TaskUuids.role("abcdefghijkz"));
        assertEquals(TaskUuids.ROLLBACK, TaskUuids.role("abcdefghijkZ"));
        assertEquals(TaskUuids.ROLLBACK, TaskUuids.role("abcdefghijk7"));
        assertEquals("Ab3defghijkQ", TaskUuids.rollbackOf("Ab3defghijkq"));
        assertEquals("Ab3defghijkq", TaskUuids.deployOf("Ab3defghijkQ"));
        assertEquals(TaskUuids.ROLLBACK, TaskUuids.role(TaskUuids.rollbackOf(TaskUuids.create())));
    }

    @Test
    public void thirdPartyUuidsTakeTheRetryCountsLetter() {
        assertEquals("abcdefghijka", TaskUuids.third("abcdefghijk0", null));
        assertEquals("abcdefghijka", TaskUuids.third("abcdefghijkX", 0));
        assertEquals("abcdefghijkb", TaskUuids.third("abcdefghijkX", 1));
        assertEquals("abcdefghijkz", TaskUuids.third("abcdefghijkX", 25));
        assertEquals("abcdefghijkz", TaskUuids.third("abcdefghijkX", 26));
        assertEquals("abcdefghijkz", TaskUuids.third("abcdefghijkX", 1000));
        assertEquals(TaskUuids.DEPLOY, TaskUuids.role(TaskUuids.third("ABCDEFGHIJKL", 3)));
    }

    @Test
    public void badUuidsAreRefused() {
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> TaskUuids.check("abc'd", "uuid"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> TaskUuids.check("", "uuid"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> TaskUuids.check(null, "uuid"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> TaskUuids.checkTwelve("abcdefghijk", "uuid"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> TaskUuids.checkTwelve("abcdefghijk-", "uuid"));
        assertEquals("abcdefghijkl", TaskUuids.checkTwelve("abcdefghijkl", "uuid"));
    }
}
