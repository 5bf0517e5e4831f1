package io.armada.tars;

/**
 * The result of installing or uninstalling one tars node ({@code install_tars_node}'s rows).
 *
 * @param rst whether it worked
 * @param msg why not, or what was done
 * @since 1.0
 */
public record NodeResult(String ip, boolean rst, String msg) {
}
