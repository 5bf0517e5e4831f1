package io.armada.counters.rest;

/** Body of {@code POST /egg/counter/update}: {@code {"field": "counter_for_domain"}}. */
public class CounterUpdateRequest {
    /** The counter's name: {@code counter_for_domain} or {@code counter_for_process}. */
    public String field;
}
