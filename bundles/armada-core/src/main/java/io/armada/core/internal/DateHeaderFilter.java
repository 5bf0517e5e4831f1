package io.armada.core.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Gives every answer its {@code Date} header from a text made once per second. Without it CXF formats the header
 * itself for each answer with a new {@code SimpleDateFormat} (a calendar and the time zone's display names per
 * request), which a profile of the node under load showed among the hottest frames of a small answer.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsName("armada.date-header")
public class DateHeaderFilter implements ContainerResponseFilter {

    /** RFC 7231's IMF-fixdate, the form CXF and Jetty write. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** One second's header text. */
    private record Stamp(long second, String text) {
    }

    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.DATE)) {
            response.getHeaders().putSingle(HttpHeaders.DATE, now(System.currentTimeMillis() / 1000));
        }
    }

    String now(long second) {
        Stamp s = stamp;
        if (s.second() != second) {
            s = new Stamp(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
            stamp = s;
        }
        return s.text();
    }
}
