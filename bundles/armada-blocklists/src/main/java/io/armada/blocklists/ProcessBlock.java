package io.armada.blocklists;

/**
 * One row of the process block list: {@code {"id": 3, "process": "miner.exe", "signature": "..."}} on the wire.
 *
 * @param id the row's id, assigned by the server
 * @param process the process name, as it was given (trimmed)
 * @param signature the process's signature (signer or hash), as it was given (trimmed)
 * @since 1.0
 */
public record ProcessBlock(long id, String process, String signature) {
}
