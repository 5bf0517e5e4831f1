package io.armada.tars.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;

/** Form and multipart fields as TarsWeb merges them: to one JSON object of text fields. */
public class FormParamsFilterTest {

    @Test
    public void onlyTarsPathsAreTouched() {
        assertTrue(FormParamsFilter.tarsPath("api/deploy_server"));
        assertTrue(FormParamsFilter.tarsPath("/pages/server/api/tree"));
        assertFalse(FormParamsFilter.tarsPath("api/v1/monitor/task"));
        assertFalse(FormParamsFilter.tarsPath("/api/jobx/project"));
        assertFalse(FormParamsFilter.tarsPath("/v1.0/files"));
    }

    @Test
    public void formFieldsAreDecoded() {
        ObjectNode o = FormParamsFilter.formFields("id=3&name=a+b%2Fc&flag&id=4".getBytes(StandardCharsets.UTF_8));
        assertEquals("4", o.get("id").asText());
        assertEquals("a b/c", o.get("name").asText());
        assertEquals("", o.get("flag").asText());
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> FormParamsFilter.formFields("a=%zz".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void multipartTextFieldsAreReadAndFilesRefused() throws Exception {
        String type = "multipart/form-data; boundary=XyZ";
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"application\"\r\n\r\nApp\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n12\r\n--XyZ--\r\n";
        ObjectNode o = FormParamsFilter.multipartFields(body.getBytes(StandardCharsets.UTF_8), type);
        assertEquals("App", o.get("application").asText());
        assertEquals("12", o.get("id").asText());
        String file = "--XyZ\r\nContent-Disposition: form-data; name=\"suse\"; filename=\"a.tgz\"\r\n\r\nxx\r\n--XyZ--\r\n";
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> {
            try {
                FormParamsFilter.multipartFields(file.getBytes(StandardCharsets.UTF_8), type);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    public void packageUploadsAreLeftToTheirRoute() {
        org.junit.Assert.assertTrue(FormParamsFilter.uploadPath("/api/upload_patch_package"));
        org.junit.Assert.assertTrue(FormParamsFilter.uploadPath("pages/server/api/upload_and_publish"));
        org.junit.Assert.assertFalse(FormParamsFilter.uploadPath("/api/update_server"));
        org.junit.Assert.assertFalse(FormParamsFilter.uploadPath("/api/v1/upload_patch_package"));
    }
}
