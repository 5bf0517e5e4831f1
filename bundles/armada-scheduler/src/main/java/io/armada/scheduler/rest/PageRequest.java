package io.armada.scheduler.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The optional JSON body of the list route ({@code {"page_num": 0}}). */
public record PageRequest(@JsonProperty("page_num") Integer pageNum) {
}
